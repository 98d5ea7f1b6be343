-- Forgotten passwords and usernames, and the contact settings of an account.

-- How account notices reach the person, and in which language. Security notices (password or
-- contact changed) go to every contact on file whatever this says, so a stranger who got in
-- cannot silence them.
ALTER TABLE account
    ADD COLUMN notice_channels    text NOT NULL DEFAULT 'BOTH' CHECK (notice_channels IN ('EMAIL', 'TEXT', 'BOTH')),
    ADD COLUMN preferred_language text CHECK (preferred_language IN ('en', 'es'));
CREATE INDEX account_phone_idx ON account (phone);

-- Password reset codes. Only a salted SHA-256 of the code is kept; the code itself exists only in
-- the message sent. session_hash binds the code to the browser session that asked (the SHA-256 of
-- a random token kept in that session). account_id is null for a request naming no account: a
-- decoy row, so that unknown names cost the same work and get the same answers.
CREATE TABLE password_reset_code (
    id           uuid        PRIMARY KEY,
    account_id   uuid        REFERENCES account (id) ON DELETE CASCADE,
    session_hash bytea       NOT NULL,
    code_salt    bytea       NOT NULL,
    code_hash    bytea       NOT NULL,
    tries        integer     NOT NULL DEFAULT 0,
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    -- The right code was entered: it cannot be used again; the new password may now be chosen.
    verified_at  timestamptz,
    -- The new password was set.
    completed_at timestamptz,
    -- Given up: a newer code, or a sign-in lock started after the code was requested.
    retired_at   timestamptz
);
CREATE INDEX password_reset_code_session_idx ON password_reset_code (session_hash);
CREATE INDEX password_reset_code_account_idx ON password_reset_code (account_id);
CREATE INDEX password_reset_code_created_idx ON password_reset_code (created_at);

-- A new e-mail address or phone number waiting for its confirmation code.
CREATE TABLE contact_confirmation (
    id           uuid        PRIMARY KEY,
    account_id   uuid        NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    session_hash bytea       NOT NULL,
    kind         text        NOT NULL CHECK (kind IN ('EMAIL', 'PHONE')),
    new_value    text        NOT NULL,
    phone_kind   text        CHECK (phone_kind IN ('MOBILE', 'LANDLINE')),
    code_salt    bytea       NOT NULL,
    code_hash    bytea       NOT NULL,
    tries        integer     NOT NULL DEFAULT 0,
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    confirmed_at timestamptz,
    retired_at   timestamptz
);
CREATE INDEX contact_confirmation_account_idx ON contact_confirmation (account_id);
CREATE INDEX contact_confirmation_created_idx ON contact_confirmation (created_at);

-- Requests counted per hour, for the limits on codes and reminders (texts cost money). bucket is
-- the SHA-256 of what is counted ("address:…", "account:…"), so no address is kept in clear.
CREATE TABLE recovery_request (
    bucket bytea       NOT NULL,
    at     timestamptz NOT NULL
);
CREATE INDEX recovery_request_bucket_idx ON recovery_request (bucket, at);
CREATE INDEX recovery_request_at_idx ON recovery_request (at);
