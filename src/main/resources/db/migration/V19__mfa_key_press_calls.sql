-- Second factor by phone call: the call names the organisation and asks for one key; pressing it
-- approves the sign-in attempt (or proves the phone, when setting it up) that placed the call.
CREATE TABLE mfa_call (
    id                  uuid        PRIMARY KEY,
    account_id          uuid        NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    attempt_hash        bytea       NOT NULL,
    purpose             text        NOT NULL CHECK (purpose IN ('SIGN_IN', 'ENROL')),
    number_e164         text        NOT NULL CHECK (number_e164 ~ '^\+[1-9][0-9]{6,14}$'),
    kind                text        NOT NULL CHECK (kind IN ('MOBILE', 'LANDLINE')),
    -- The key the call asks for. One digit from SecureRandom: guessing it on a stranger's call that
    -- the person answered still needs their phone in hand.
    expected_key        char(1)     NOT NULL CHECK (expected_key ~ '^[1-9]$'),
    -- CALLING until the phone answers for it: APPROVED (right key), WRONG_KEY, NO_KEY (answered,
    -- nothing pressed), NOT_ANSWERED, FAILED (not placed); USED once the approval opened the portal;
    -- RETIRED when a newer call replaced it.
    state               text        NOT NULL DEFAULT 'CALLING'
                        CHECK (state IN ('CALLING', 'APPROVED', 'WRONG_KEY', 'NO_KEY', 'NOT_ANSWERED', 'FAILED',
                                         'USED', 'RETIRED')),
    created_at          timestamptz NOT NULL,
    expires_at          timestamptz NOT NULL,
    decided_at          timestamptz,
    client_address_hash bytea       NOT NULL,
    country             text        NOT NULL
);
CREATE INDEX mfa_call_attempt_idx ON mfa_call (attempt_hash, created_at);
CREATE INDEX mfa_call_account_idx ON mfa_call (account_id, created_at);
CREATE INDEX mfa_call_number_idx ON mfa_call (number_e164, created_at);
CREATE INDEX mfa_call_address_idx ON mfa_call (client_address_hash, created_at);
CREATE INDEX mfa_call_country_idx ON mfa_call (country, created_at);

-- Texts and calls count against the same limits (per account, number, client address, country).
CREATE VIEW mfa_send AS
    SELECT account_id, number_e164, client_address_hash, country, created_at FROM mfa_text_code
    UNION ALL
    SELECT account_id, number_e164, client_address_hash, country, created_at FROM mfa_call;
