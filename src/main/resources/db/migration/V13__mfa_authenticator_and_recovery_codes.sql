-- Second factors: authenticator apps (TOTP) and recovery codes.

-- The AES-256 key of authenticator-app seeds when caregate.mfa.seed-key is not set: made once, at
-- random, so the demo's apps keep working across restarts and nodes. A deployment sets the key
-- instead (prod requires it), so that a copy of the database alone does not give the seeds away.
CREATE TABLE mfa_key (
    id  integer PRIMARY KEY CHECK (id = 1),
    key bytea   NOT NULL CHECK (octet_length(key) = 32)
);

-- Authenticator apps: per account at most one pending enrolment (expires_at set, waiting for its
-- first code) and one working app (confirmed_at set). The seed is never stored in clear:
-- seed_ciphertext is AES-256-GCM, version byte || 96-bit nonce || ciphertext and tag, with the
-- account id as associated data (see SeedCipher); key_version repeats the version byte so rows
-- under an old key can be found when keys rotate. last_used_step is the RFC 6238 time step of the
-- last code accepted: a code of that step or an earlier one is refused, whichever node checks it.
CREATE TABLE mfa_authenticator (
    id              uuid        PRIMARY KEY,
    account_id      uuid        NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    seed_ciphertext bytea       NOT NULL,
    key_version     smallint    NOT NULL,
    created_at      timestamptz NOT NULL,
    expires_at      timestamptz,
    confirmed_at    timestamptz,
    last_used_step  bigint,
    last_used_at    timestamptz,
    CHECK ((confirmed_at IS NULL) = (expires_at IS NOT NULL)),
    CHECK (get_byte(seed_ciphertext, 0) = key_version)
);
CREATE UNIQUE INDEX mfa_authenticator_working_idx ON mfa_authenticator (account_id) WHERE confirmed_at IS NOT NULL;
CREATE UNIQUE INDEX mfa_authenticator_pending_idx ON mfa_authenticator (account_id) WHERE confirmed_at IS NULL;

-- Recovery codes: ten single-use codes per account, each kept only as SHA-256(salt || code).
-- Regenerating deletes the account's earlier rows; a used code keeps its row with used_at set.
CREATE TABLE mfa_recovery_code (
    id         uuid        PRIMARY KEY,
    account_id uuid        NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    salt       bytea       NOT NULL,
    hash       bytea       NOT NULL,
    created_at timestamptz NOT NULL,
    used_at    timestamptz
);
CREATE INDEX mfa_recovery_code_account_idx ON mfa_recovery_code (account_id) WHERE used_at IS NULL;
