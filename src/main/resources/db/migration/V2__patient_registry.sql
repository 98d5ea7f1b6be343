-- Patient registry: demographics, phone numbers, one medical record number per organisation.
CREATE TABLE patient (
    id                 uuid PRIMARY KEY,
    given_names        text        NOT NULL CHECK (given_names <> ''),
    family_name        text        NOT NULL CHECK (family_name <> ''),
    date_of_birth      date        NOT NULL,
    sex                text        NOT NULL CHECK (sex IN ('FEMALE', 'MALE', 'OTHER', 'UNKNOWN')),
    address_line1      text        NOT NULL,
    address_line2      text,
    city               text        NOT NULL,
    region             text        NOT NULL,
    postal_code        text        NOT NULL,
    country            text        NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
    email              text,
    preferred_language text        NOT NULL DEFAULT 'en',
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL
);

-- Identity proofing looks people up by e-mail, and by name with date of birth.
CREATE INDEX patient_email_idx ON patient (lower(email));
CREATE INDEX patient_name_birth_idx ON patient (lower(family_name), date_of_birth);

CREATE TABLE patient_phone (
    patient_id  uuid    NOT NULL REFERENCES patient (id) ON DELETE CASCADE,
    position    int     NOT NULL,
    number_e164 text    NOT NULL CHECK (number_e164 ~ '^\+[1-9][0-9]{6,14}$'),
    kind        text    NOT NULL CHECK (kind IN ('MOBILE', 'LANDLINE')),
    PRIMARY KEY (patient_id, position)
);
CREATE INDEX patient_phone_number_idx ON patient_phone (number_e164);

CREATE TABLE patient_record_number (
    organization_id       text NOT NULL,
    medical_record_number text NOT NULL CHECK (medical_record_number ~ '^[A-Z0-9-]{3,32}$'),
    patient_id            uuid NOT NULL REFERENCES patient (id) ON DELETE CASCADE,
    PRIMARY KEY (organization_id, medical_record_number),
    UNIQUE (patient_id, organization_id)
);
