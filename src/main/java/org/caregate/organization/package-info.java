/**
 * Organisations of the deployment (for example a main clinic and its regional health system), each
 * with its own sign-in page, branding, support line and record numbers; and routing a person to the
 * right portal. Other modules use {@link org.caregate.organization.Organizations} and
 * {@link org.caregate.organization.Organization}.
 */
@ApplicationModule(displayName = "Organisations")
@NullMarked
package org.caregate.organization;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
