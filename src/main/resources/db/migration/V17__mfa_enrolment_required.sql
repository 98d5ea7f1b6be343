-- After support reset a lost second factor: the account must set one up at its next sign-in, whatever
-- its organisation's date. Cleared when it does.
CREATE TABLE mfa_enrolment_required (
    account_id uuid        PRIMARY KEY REFERENCES account (id) ON DELETE CASCADE,
    since      timestamptz NOT NULL
);
