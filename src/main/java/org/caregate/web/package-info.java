/**
 * The web shell every page shares: layout and branding, English and Spanish, security headers,
 * {@code no-store} caching and plain-language error pages with a reference number.
 */
@ApplicationModule(displayName = "Web shell")
@NullMarked
package org.caregate.web;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
