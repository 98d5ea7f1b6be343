-- Limits against SMS pumping, counted across nodes: per client address (kept only as a keyed hash)
-- and per country of the number.
ALTER TABLE mfa_text_code ADD COLUMN client_address_hash bytea;
ALTER TABLE mfa_text_code ADD COLUMN country text;
CREATE INDEX mfa_text_code_number_idx ON mfa_text_code (number_e164, created_at);
CREATE INDEX mfa_text_code_address_idx ON mfa_text_code (client_address_hash, created_at);
CREATE INDEX mfa_text_code_country_idx ON mfa_text_code (country, created_at);
