-- The clinical record: a current copy of the EHR's FHIR R4 resources, as JSON, with the columns
-- needed to find them extracted and indexed. Every change keeps the earlier version.
CREATE TABLE record_resource (
    id                uuid        PRIMARY KEY,
    resource_type     text        NOT NULL,
    patient_id        uuid        NOT NULL REFERENCES patient (id),
    organization_id   text        NOT NULL,
    -- The EHR's business identifier: importing the same resource again updates this row.
    identifier_system text        NOT NULL,
    identifier_value  text        NOT NULL,
    category          text,
    code_system       text,
    code              text,
    effective_at      timestamptz,
    status            text,
    confidential      boolean     NOT NULL DEFAULT false,
    version           integer     NOT NULL CHECK (version >= 1),
    last_updated      timestamptz NOT NULL,
    -- SHA-256 of the resource as the EHR sent it: the same content again makes no new version.
    content_hash      bytea       NOT NULL,
    resource          jsonb       NOT NULL,
    UNIQUE (resource_type, identifier_system, identifier_value)
);
CREATE INDEX record_resource_patient_type_idx ON record_resource (patient_id, resource_type, effective_at DESC);
CREATE INDEX record_resource_patient_category_idx ON record_resource (patient_id, resource_type, category, effective_at DESC);
CREATE INDEX record_resource_patient_code_idx ON record_resource (patient_id, resource_type, code, effective_at DESC);

-- Every version of every resource, the current one included.
CREATE TABLE record_resource_version (
    id         uuid        NOT NULL REFERENCES record_resource (id),
    version    integer     NOT NULL,
    changed_at timestamptz NOT NULL,
    resource   jsonb       NOT NULL,
    PRIMARY KEY (id, version)
);
