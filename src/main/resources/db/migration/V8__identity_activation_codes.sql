-- Identity: activation codes and sign-up.

-- Activation codes that staff or the EHR issued for a patient at one organisation. The code itself
-- is never stored: code_hash is an HMAC-SHA-256 of the code under a key kept outside this table
-- (see CodeHasher), so the row is found by what the person types and a copy of the table alone
-- cannot be searched for codes. Rows are kept after use: they are the record of who issued which
-- code, when and how (issued_by_account_id is null for the EHR or another system).
CREATE TABLE activation_code (
    id                   uuid        PRIMARY KEY,
    -- No foreign key: the registry's tables belong to the patient module.
    patient_id           uuid        NOT NULL,
    organization_id      text        NOT NULL,
    code_hash            bytea       NOT NULL UNIQUE,
    delivery             text        NOT NULL CHECK (delivery IN ('EMAIL', 'TEXT', 'LETTER')),
    issued_by_account_id uuid        REFERENCES account (id) ON DELETE SET NULL,
    issued_at            timestamptz NOT NULL,
    expires_at           timestamptz NOT NULL,
    -- Single use: set in the transaction that opens the account.
    used_at              timestamptz,
    used_by_account_id   uuid        REFERENCES account (id) ON DELETE SET NULL,
    -- Given up: a newer code for the same patient and organisation, or the patient opened an account.
    retired_at           timestamptz,
    CHECK (used_at IS NULL OR retired_at IS NULL)
);
-- At most one code works per patient and organisation: issuing a new one retires the old.
CREATE UNIQUE INDEX activation_code_one_live_idx ON activation_code (patient_id, organization_id)
    WHERE used_at IS NULL AND retired_at IS NULL;
CREATE INDEX activation_code_issued_idx ON activation_code (organization_id, issued_at);

-- The one-time code of a sign-up without an activation code (identity proofing), sent to a contact
-- on file. Bound to the browser session (session_hash: SHA-256 of a random token kept in it) and to
-- one sign-up attempt (id, also kept in the session). patient_id is null when the details matched
-- nobody: a decoy that no one receives, so every answer looks the same.
CREATE TABLE signup_verification (
    id              uuid        PRIMARY KEY,
    session_hash    bytea       NOT NULL,
    organization_id text        NOT NULL,
    patient_id      uuid,
    code_salt       bytea       NOT NULL,
    code_hash       bytea       NOT NULL,
    tries           integer     NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL,
    expires_at      timestamptz NOT NULL,
    -- The right code was entered; the person may now choose a username and password.
    verified_at     timestamptz,
    -- The account was opened with it.
    completed_at    timestamptz
);
CREATE INDEX signup_verification_created_idx ON signup_verification (created_at);

-- Bucket4j's table (PostgreSQLSelectForUpdateBasedProxyManager with String keys) for sign-up
-- attempts: one token bucket per client address and one per (organisation, date of birth, family
-- name). Keys are SHA-256 hex digests, so no name or birth date is kept here.
CREATE TABLE signup_throttle_buckets (
    id         varchar(100) PRIMARY KEY,
    state      bytea,
    expires_at bigint
);
CREATE INDEX signup_throttle_buckets_expiry ON signup_throttle_buckets (expires_at);

-- The key of the activation codes' keyed hash when caregate.activation.hash-key is not set: made
-- once, at random, so codes keep working across restarts and nodes. A deployment should set the
-- key instead, so that a copy of the database alone gives nothing to search codes with.
CREATE TABLE activation_hash_key (
    id  integer PRIMARY KEY CHECK (id = 1),
    key bytea   NOT NULL
);
