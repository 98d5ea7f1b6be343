package org.caregate.session;

import java.time.Instant;
import org.caregate.identity.AccountId;

/**
 * A person signed out of all their devices: every session of the account was deleted. Features
 * that remember a browser for the account (remembered second-factor devices) forget them on this.
 */
public record SignedOutEverywhere(AccountId accountId, Instant at) {}
