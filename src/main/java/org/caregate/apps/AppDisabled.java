package org.caregate.apps;

import java.time.Instant;
import java.util.UUID;
import org.caregate.identity.AccountId;

/**
 * A staff administrator disabled an app: nobody can connect it any more, and every approval it held
 * was removed, so its tokens stopped working. For the audit trail.
 *
 * @param approvalsRemoved how many approvals (people's connections) ended with it
 */
public record AppDisabled(UUID app, String clientId, AccountId by, int approvalsRemoved, Instant at) {}
