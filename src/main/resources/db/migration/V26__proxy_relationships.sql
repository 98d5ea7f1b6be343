-- Caregiver (proxy) access: who may see and act for which patient, with what, until when.
-- A row is one grant. It starts as an invitation (no proxy account yet) or, when staff record it
-- after paperwork, for a named account. It is never deleted: revoking sets revoked_at, so the
-- patient's "who has had access" list and the activity stay readable.
CREATE TABLE proxy_relationship (
    id                uuid        PRIMARY KEY,
    patient_id        uuid        NOT NULL,
    organization_id   text        NOT NULL,
    proxy_account_id  uuid,
    basis             text        NOT NULL,
    relationship      text        NOT NULL,
    proxy_name        text        NOT NULL,
    full_access       boolean     NOT NULL,
    ends_on           date,
    invite_email      text,
    invite_code_hash  bytea       UNIQUE,
    invite_expires_at timestamptz,
    granted_by        uuid        NOT NULL,
    granted_at        timestamptz NOT NULL,
    accepted_at       timestamptz,
    revoked_at        timestamptz,
    revoked_by        uuid,
    CHECK (basis IN ('INVITED', 'PARENT_OF_MINOR', 'LEGAL_GUARDIAN', 'POWER_OF_ATTORNEY')),
    CHECK (proxy_account_id IS NOT NULL OR invite_code_hash IS NOT NULL)
);
CREATE INDEX proxy_relationship_proxy_idx ON proxy_relationship (proxy_account_id, organization_id);
CREATE INDEX proxy_relationship_patient_idx ON proxy_relationship (patient_id, organization_id);

-- A limited grant's areas, each read-only or read-and-act. A full grant has no rows here.
CREATE TABLE proxy_permission (
    relationship_id uuid NOT NULL REFERENCES proxy_relationship (id),
    area            text NOT NULL,
    access          text NOT NULL,
    PRIMARY KEY (relationship_id, area),
    CHECK (area IN ('RESULTS', 'RECORD', 'MEDICATIONS', 'APPOINTMENTS', 'MESSAGES', 'BILLING')),
    CHECK (access IN ('READ', 'ACT'))
);

-- What each proxy did for the patient, for the patient to see: one row per page, download or action.
CREATE TABLE proxy_activity (
    id              bigserial   PRIMARY KEY,
    relationship_id uuid        NOT NULL REFERENCES proxy_relationship (id),
    area            text        NOT NULL,
    access          text        NOT NULL,
    what            text        NOT NULL,
    at              timestamptz NOT NULL
);
CREATE INDEX proxy_activity_relationship_idx ON proxy_activity (relationship_id, at DESC);

-- Every grant, change and revocation, by whom.
CREATE TABLE proxy_change (
    id              bigserial   PRIMARY KEY,
    relationship_id uuid        NOT NULL REFERENCES proxy_relationship (id),
    change          text        NOT NULL,
    by_account      uuid        NOT NULL,
    at              timestamptz NOT NULL,
    detail          jsonb       NOT NULL DEFAULT '{}'
);
CREATE INDEX proxy_change_relationship_idx ON proxy_change (relationship_id, at DESC);
