package org.caregate.identity.throttle;

import org.jspecify.annotations.Nullable;

/** PLACEHOLDER until the throttle branch lands (same API). */
public record ThrottleKeys(String account, String clientAddress, @Nullable String recognisedDevice) {}
