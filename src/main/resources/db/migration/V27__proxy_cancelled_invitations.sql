-- A patient may cancel an invitation nobody accepted yet: revoking clears its code's hash, so such a
-- row has neither a proxy account nor a code. V26's check refused that; it now allows it once revoked.
ALTER TABLE proxy_relationship DROP CONSTRAINT proxy_relationship_check;
ALTER TABLE proxy_relationship ADD CONSTRAINT proxy_relationship_proxy_or_code
    CHECK (proxy_account_id IS NOT NULL OR invite_code_hash IS NOT NULL OR revoked_at IS NOT NULL);
