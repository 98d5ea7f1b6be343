package org.caregate.mfa;

import java.time.Instant;
import org.caregate.identity.AccountId;

/** A working second factor was removed (by the person or by support). */
public record SecondFactorRemoved(AccountId accountId, SecondFactorKind kind, Instant at) {}
