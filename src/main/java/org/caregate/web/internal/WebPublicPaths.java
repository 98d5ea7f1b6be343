package org.caregate.web.internal;

import org.caregate.platform.PublicPaths;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Static files, error pages and the operations endpoints need no sign-in. */
@Configuration(proxyBeanMethods = false)
class WebPublicPaths {

    @Bean
    PublicPaths staticAndOperationsPaths() {
        return PublicPaths.of("/css/**", "/js/**", "/img/**", "/favicon.ico", "/robots.txt", "/error",
                "/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus");
    }
}
