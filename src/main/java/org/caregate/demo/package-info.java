/**
 * Demo data: a deterministic generator of realistic patients across the organisations and of their
 * clinical records, loaded once on the first start of the demo profile, and able to create large
 * volumes for benchmarks; caregivers for some demo accounts, to try caregiver access; and a demo
 * app (client id {@code demo-app}, never in {@code prod}) to try an app's launch by hand.
 */
@ApplicationModule(displayName = "Demo data",
        allowedDependencies = {"patient", "organization", "identity", "mfa", "record", "proxy", "apps"})
@NullMarked
package org.caregate.demo;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
