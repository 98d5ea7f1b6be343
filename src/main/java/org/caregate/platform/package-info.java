/**
 * What every node needs to run: the database (an embedded PostgreSQL when none is configured) and
 * the start-up check that refuses a production run with missing settings. Exposes no API to other
 * modules.
 */
@ApplicationModule(displayName = "Platform")
@NullMarked
package org.caregate.platform;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
