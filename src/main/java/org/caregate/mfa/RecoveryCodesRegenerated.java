package org.caregate.mfa;

import java.time.Instant;
import org.caregate.identity.AccountId;

/** A new set of recovery codes was made; every earlier code stopped working. */
public record RecoveryCodesRegenerated(AccountId accountId, Instant at) {}
