-- Second factors: the phone a person proved (by entering a code sent to it), their choice before the
-- organisation's second factor became required, and the codes sent by text message.

CREATE TABLE mfa_phone (
    account_id   uuid        PRIMARY KEY REFERENCES account (id) ON DELETE CASCADE,
    number_e164  text        NOT NULL CHECK (number_e164 ~ '^\+[1-9][0-9]{6,14}$'),
    kind         text        NOT NULL CHECK (kind IN ('MOBILE', 'LANDLINE')),
    confirmed_at timestamptz NOT NULL
);

-- "Not now", before the organisation's required-from date; cleared when they set a factor up.
CREATE TABLE mfa_choice (
    account_id  uuid        PRIMARY KEY REFERENCES account (id) ON DELETE CASCADE,
    declined_at timestamptz NOT NULL
);

-- One code sent by text. Only a salted hash is kept; the code works once, for a few minutes, for a
-- few tries, and only in the sign-in attempt (browser session) that asked for it.
CREATE TABLE mfa_text_code (
    id           uuid        PRIMARY KEY,
    account_id   uuid        NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    attempt_hash bytea       NOT NULL,
    purpose      text        NOT NULL CHECK (purpose IN ('SIGN_IN', 'ENROL')),
    number_e164  text        NOT NULL,
    salt         bytea       NOT NULL,
    code_hash    bytea       NOT NULL,
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    tries        integer     NOT NULL DEFAULT 0,
    used_at      timestamptz
);
CREATE INDEX mfa_text_code_attempt_idx ON mfa_text_code (attempt_hash, created_at);
CREATE INDEX mfa_text_code_account_idx ON mfa_text_code (account_id, created_at);
