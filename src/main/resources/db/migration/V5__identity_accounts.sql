-- Accounts: one per person. A patient account points at its registry entry; a staff account has roles.
-- patient_id has no foreign key: the registry's tables belong to the patient module.
CREATE TABLE account (
    id                   uuid        PRIMARY KEY,
    kind                 text        NOT NULL CHECK (kind IN ('PATIENT', 'STAFF')),
    username             text        NOT NULL,
    -- NFKC, lower case: "Ana.Diaz" and "ana.diaz" are one name.
    username_key         text        NOT NULL UNIQUE,
    email                text,
    -- Not unique: family members share addresses. Signing in by e-mail needs exactly one match.
    email_key            text,
    phone                text CHECK (phone ~ '^\+[1-9][0-9]{6,14}$'),
    phone_kind           text CHECK (phone_kind IN ('MOBILE', 'LANDLINE')),
    home_organization_id text,
    patient_id           uuid UNIQUE,
    staff_roles          text[]      NOT NULL DEFAULT '{}',
    password_hash        text        NOT NULL,
    password_changed_at  timestamptz NOT NULL,
    created_at           timestamptz NOT NULL,
    CHECK ((kind = 'PATIENT') = (home_organization_id IS NOT NULL))
);
CREATE INDEX account_email_key_idx ON account (email_key);

-- Browsers that signed in to an account before: they keep their own throttle pool (an attacker
-- elsewhere cannot lock the patient out of their usual browser) and get no "new device" e-mail.
-- The cookie holds a random token; only its SHA-256 is kept.
CREATE TABLE account_device (
    account_id  uuid        NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    token_hash  bytea       NOT NULL,
    first_seen  timestamptz NOT NULL,
    last_seen   timestamptz NOT NULL,
    PRIMARY KEY (account_id, token_hash)
);
