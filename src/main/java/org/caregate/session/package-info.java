/**
 * Session policy on Spring Session JDBC (sessions live in PostgreSQL, so any node serves any
 * request): the absolute time limit, signing out everywhere, the sign-in history and the e-mail
 * when a new browser signs in. Other modules call {@link org.caregate.session.SessionSecurity}.
 */
@ApplicationModule(displayName = "Sessions", allowedDependencies = {"identity", "notify", "organization", "platform"})
@NullMarked
package org.caregate.session;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
