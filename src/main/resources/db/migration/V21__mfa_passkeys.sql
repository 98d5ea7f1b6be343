-- Passkeys (WebAuthn): face or fingerprint unlock on the person's phone or computer. Only public
-- keys are kept; the private key never leaves the device.

-- The WebAuthn user handle of each account that has registered a passkey: 32 random bytes, so the
-- handle a device keeps says nothing about the person.
CREATE TABLE mfa_passkey_user (
    account_id  uuid  PRIMARY KEY REFERENCES account (id) ON DELETE CASCADE,
    user_handle bytea NOT NULL UNIQUE
);

CREATE TABLE mfa_passkey (
    id                   uuid        PRIMARY KEY,
    account_id           uuid        NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    credential_id        bytea       NOT NULL UNIQUE,
    -- webauthn4j's encoding of the attested credential data: AAGUID, credential id and COSE public key.
    credential_data      bytea       NOT NULL,
    sign_count           bigint      NOT NULL CHECK (sign_count >= 0),
    backup_eligible      boolean     NOT NULL,
    backed_up            boolean     NOT NULL,
    transports           text        NOT NULL,
    name                 text        NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
    created_at           timestamptz NOT NULL,
    last_used_at         timestamptz,
    -- Set when an assertion came with a signature counter not above the stored one: the key may have
    -- been copied. A flagged passkey signs no one in until it is removed and added again.
    counter_went_back_at timestamptz
);
CREATE INDEX mfa_passkey_account_idx ON mfa_passkey (account_id);

-- When each account last passed a second-factor check other than a passkey (text, call,
-- authenticator app, recovery code): passkey sign-ins ask for one when it is older than the
-- organisation's limit (90 days by default).
CREATE TABLE mfa_full_check (
    account_id uuid        PRIMARY KEY REFERENCES account (id) ON DELETE CASCADE,
    checked_at timestamptz NOT NULL,
    method     text        NOT NULL
);

ALTER TABLE session_sign_in_event DROP CONSTRAINT session_sign_in_event_outcome_check;
ALTER TABLE session_sign_in_event ADD CONSTRAINT session_sign_in_event_outcome_check
    CHECK (outcome IN ('SIGNED_IN', 'WRONG_PASSWORD', 'THROTTLED', 'LOCKED', 'SECOND_FACTOR_FAILED',
                       'SECOND_FACTOR_ADDED', 'SECOND_FACTOR_REMOVED', 'SECOND_FACTORS_RESET',
                       'REMEMBERED_DEVICE_USED', 'PASSKEY_REFUSED', 'PASSKEY_FLAGGED'));
