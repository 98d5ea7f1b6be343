/**
 * Staff sign-in and consoles (support, care-team inbox, administration). For now only the page that
 * tells patients they are in the wrong place.
 */
@ApplicationModule(displayName = "Staff")
@NullMarked
package org.caregate.staff;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
