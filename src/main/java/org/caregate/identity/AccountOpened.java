package org.caregate.identity;

import java.time.Instant;

/** A new account exists. */
public record AccountOpened(AccountId accountId, AccountKind kind, Instant at) {}
