-- When the portal first stored each resource: results are "new" after it, and an organisation's
-- per-category delay counts from it (a later correction does not hide a result again).
ALTER TABLE record_resource ADD COLUMN first_stored_at timestamptz;
UPDATE record_resource r SET first_stored_at = v.changed_at
    FROM record_resource_version v WHERE v.id = r.id AND v.version = 1;
ALTER TABLE record_resource ALTER COLUMN first_stored_at SET NOT NULL;

-- The sign-in before the current one, per account: "what's new since your last visit".
CREATE TABLE record_reader (
    account_id          uuid        PRIMARY KEY,
    previous_sign_in_at timestamptz,
    last_sign_in_at     timestamptz NOT NULL
);
