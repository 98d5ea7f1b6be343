-- Each person's recent sign-ins, for their "Recent sign-ins" page. No IP address: we do not need
-- it to help the person, and it is personal data. The device is a description ("Chrome on
-- Android"), not the raw User-Agent.
CREATE TABLE session_sign_in_event (
    id         bigserial   PRIMARY KEY,
    account_id uuid        NOT NULL,
    at         timestamptz NOT NULL,
    device     text        NOT NULL,
    method     text        NOT NULL,
    outcome    text        NOT NULL CHECK (outcome IN ('SIGNED_IN', 'WRONG_PASSWORD', 'THROTTLED', 'LOCKED'))
);
CREATE INDEX session_sign_in_event_account_idx ON session_sign_in_event (account_id, at DESC);
CREATE INDEX session_sign_in_event_at_idx ON session_sign_in_event (at);
