-- SMART Backend Services: the client assertions (RFC 7523 JWTs signed by a backend app's key) already
-- used, by their jti, kept until they expire so that each one gets a token once (replay), on every node.
CREATE TABLE app_client_assertion (
    client_id  text        NOT NULL,
    jti        text        NOT NULL,
    -- The assertion's exp plus the clock skew it was accepted with; the row is useless after that.
    expires_at timestamptz NOT NULL,
    PRIMARY KEY (client_id, jti)
);
CREATE INDEX app_client_assertion_expires_idx ON app_client_assertion (expires_at);
