-- Outside apps (SMART on FHIR): the apps administrators register, the approvals patients give them
-- with their tokens, the keys that sign ID tokens, and each read an app makes.

-- A registered app. PUBLIC: a browser or phone app, no secret, PKCE. CONFIDENTIAL: a server-side
-- app with a secret (kept as a hash). BACKEND: a system client (SMART Backend Services) that proves
-- itself with a JWT signed by its own key (private_key_jwt), for the EHR's record import.
CREATE TABLE app_client (
    id            uuid        PRIMARY KEY,
    client_id     text        NOT NULL UNIQUE,
    name          text        NOT NULL,
    kind          text        NOT NULL CHECK (kind IN ('PUBLIC', 'CONFIDENTIAL', 'BACKEND')),
    secret_hash   text,
    -- Matched exactly, character for character.
    redirect_uris text[]      NOT NULL DEFAULT '{}',
    scopes        text[]      NOT NULL,
    -- BACKEND: where its public keys are, or the keys themselves (a JWK Set).
    jwks_url      text,
    jwks          text,
    created_at    timestamptz NOT NULL,
    created_by    uuid,
    disabled_at   timestamptz,
    CHECK (kind <> 'CONFIDENTIAL' OR secret_hash IS NOT NULL),
    CHECK (kind <> 'BACKEND' OR jwks_url IS NOT NULL OR jwks IS NOT NULL)
);

-- One approval (OAuth2 authorisation) and its tokens. Tokens are found by their SHA-256, never by
-- their value; the approval itself is kept serialised, as sessions are.
CREATE TABLE app_authorization (
    id                 text        PRIMARY KEY,
    app_id             uuid        NOT NULL REFERENCES app_client (id),
    principal_name     text        NOT NULL,
    grant_type         text        NOT NULL,
    -- Whose record the app may read, and who approved it (the patient or a caregiver).
    patient_id         uuid,
    organization_id    text,
    approved_by        uuid,
    scopes             text[]      NOT NULL DEFAULT '{}',
    state_hash         bytea,
    code_hash          bytea,
    access_token_hash  bytea,
    refresh_token_hash bytea,
    id_token_hash      bytea,
    code_expires_at    timestamptz,
    access_expires_at  timestamptz,
    refresh_expires_at timestamptz,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    last_read_at       timestamptz,
    authorization_data bytea       NOT NULL
);
CREATE UNIQUE INDEX app_authorization_state_idx ON app_authorization (state_hash) WHERE state_hash IS NOT NULL;
CREATE UNIQUE INDEX app_authorization_code_idx ON app_authorization (code_hash) WHERE code_hash IS NOT NULL;
CREATE UNIQUE INDEX app_authorization_access_idx ON app_authorization (access_token_hash) WHERE access_token_hash IS NOT NULL;
CREATE UNIQUE INDEX app_authorization_refresh_idx ON app_authorization (refresh_token_hash) WHERE refresh_token_hash IS NOT NULL;
CREATE INDEX app_authorization_patient_idx ON app_authorization (patient_id, organization_id) WHERE patient_id IS NOT NULL;
CREATE INDEX app_authorization_app_idx ON app_authorization (app_id);

-- The keys that sign ID tokens. The newest signs; older ones stay in the JWK Set until the tokens
-- they signed have expired, then are deleted.
CREATE TABLE app_signing_key (
    kid         text        PRIMARY KEY,
    private_key bytea       NOT NULL,
    public_key  bytea       NOT NULL,
    created_at  timestamptz NOT NULL
);

-- Every read an app made through the FHIR API: the audit trail, with the app's client id.
CREATE TABLE app_data_read (
    id               bigserial   PRIMARY KEY,
    authorization_id text        NOT NULL,
    client_id        text        NOT NULL,
    approved_by      uuid        NOT NULL,
    patient_id       uuid        NOT NULL,
    organization_id  text        NOT NULL,
    interaction      text        NOT NULL,
    resource_type    text        NOT NULL,
    resources        integer     NOT NULL,
    read_at          timestamptz NOT NULL
);
CREATE INDEX app_data_read_patient_idx ON app_data_read (patient_id, read_at DESC);
