/**
 * Demo data: a deterministic generator of realistic patients across the organisations and of their
 * clinical records, loaded once on the first start of the demo profile, and able to create large
 * volumes for benchmarks; and caregivers for some demo accounts, to try caregiver access.
 */
@ApplicationModule(displayName = "Demo data",
        allowedDependencies = {"patient", "organization", "identity", "mfa", "record", "proxy"})
@NullMarked
package org.caregate.demo;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
