package org.caregate.apps.internal;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * The ID-token signer and the published keys. Not tied to the web server: the portal also starts
 * without one (the folder import, the demo-data generator), and the token services still need a signer.
 */
@Configuration(proxyBeanMethods = false)
class SigningConfiguration {

    /** The JWK Set endpoint publishes every key still in use; the signer sees only the newest. */
    @Bean
    JWKSource<SecurityContext> jwkSource(SigningKeys keys) {
        return keys.publishedSource();
    }

    @Bean
    JwtEncoder jwtEncoder(SigningKeys keys) {
        return new NimbusJwtEncoder(keys.signingSource());
    }
}
