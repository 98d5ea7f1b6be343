/**
 * Demo data: a deterministic generator of realistic patients across the organisations and of their
 * clinical records, loaded once on the first start of the demo profile, and able to create large
 * volumes for benchmarks.
 */
@ApplicationModule(displayName = "Demo data",
        allowedDependencies = {"patient", "organization", "identity", "mfa", "record"})
@NullMarked
package org.caregate.demo;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
