package org.caregate.apps;

import java.time.Instant;
import java.util.UUID;
import org.caregate.identity.AccountId;
import org.jspecify.annotations.Nullable;

/**
 * An outside app was registered: for the audit trail. Never holds its secret.
 *
 * @param kind {@code PUBLIC}, {@code CONFIDENTIAL} or {@code BACKEND}
 * @param by the staff administrator who registered it; {@code null} when the portal did (the demo app)
 */
public record AppRegistered(UUID app, String clientId, String name, String kind, @Nullable AccountId by, Instant at) {}
