/**
 * Demo data: a deterministic generator of realistic patients across the organisations, loaded once
 * on the first start of the demo profile, and able to create large volumes for benchmarks.
 */
@ApplicationModule(displayName = "Demo data", allowedDependencies = {"patient", "organization", "identity", "mfa"})
@NullMarked
package org.caregate.demo;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
