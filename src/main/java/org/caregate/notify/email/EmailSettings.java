package org.caregate.notify.email;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Portal e-mail.
 *
 * @param from the sender address, for example {@code no-reply@portal.example.org} or
 *     {@code Riverbend Clinic <no-reply@portal.example.org>}
 */
@ConfigurationProperties("caregate.notify.email")
record EmailSettings(String from) {}
