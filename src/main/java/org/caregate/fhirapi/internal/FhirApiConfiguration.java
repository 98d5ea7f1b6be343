package org.caregate.fhirapi.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.IResourceProvider;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The FHIR API's servlet at {@code /fhir/*}, beside Spring MVC's; the security filters run before both. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class FhirApiConfiguration {

    @Bean
    ServletRegistrationBean<FhirApiServer> fhirApiServlet(FhirContext fhir, List<IResourceProvider> providers, ServerErrors errors,
            SmartCapabilities capabilities) {
        var registration = new ServletRegistrationBean<>(new FhirApiServer(fhir, providers, errors, capabilities), "/fhir/*");
        registration.setName("fhirApi");
        registration.setLoadOnStartup(1);
        return registration;
    }
}
