package org.caregate.identity.activation;

import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;

/**
 * Method security for the support pages: {@code /staff/**} already needs a staff account; the
 * activation pages need the support role as well ({@code @PreAuthorize}).
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class ActivationSecurity {}
