-- "Remember this device": a browser that passed the second factor skips it for a while (7 days by
-- default) for the same account and the same sign-in method; the password is always asked. Only
-- the SHA-256 of the 256-bit random token in the browser's cookie is kept.
CREATE TABLE mfa_remembered_device (
    id           uuid        PRIMARY KEY,
    account_id   uuid        NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    token_hash   bytea       NOT NULL UNIQUE,
    method       text        NOT NULL CHECK (method IN ('PASSWORD', 'PASSKEY')),
    description  text        NOT NULL,
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    last_used_at timestamptz
);
CREATE INDEX mfa_remembered_device_account_idx ON mfa_remembered_device (account_id);
