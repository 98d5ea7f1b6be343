/**
 * Browser journeys: the portal driven through Debian's Chromium the way a patient uses it, one
 * class per journey, each extending {@link org.caregate.browser.BrowserJourney} so that every page
 * visited is checked for accessibility, phone layout and console errors.
 */
@NullMarked
package org.caregate.browser;

import org.jspecify.annotations.NullMarked;
