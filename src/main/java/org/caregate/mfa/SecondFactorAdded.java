package org.caregate.mfa;

import java.time.Instant;
import org.caregate.identity.AccountId;

/** A second factor was set up (or replaced an earlier one of its kind) and works from now on. */
public record SecondFactorAdded(AccountId accountId, SecondFactorKind kind, Instant at) {}
