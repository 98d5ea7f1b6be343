-- Key-press calls: a call that waits for one key carries its caller's reference (the provider's
-- callbacks name it) and the language it speaks. Texts and calls record what the provider last
-- reported about their delivery (delivered, undelivered, failed...).
ALTER TABLE notify_outbox ADD COLUMN call_ref uuid;
ALTER TABLE notify_outbox ADD COLUMN language varchar(35);
ALTER TABLE notify_outbox ADD COLUMN delivery_status varchar(20);
ALTER TABLE notify_outbox ADD CONSTRAINT notify_outbox_call_ref_is_a_call
  CHECK (call_ref IS NULL OR (channel = 'VOICE' AND language IS NOT NULL));

-- Demo only: the dev outbox shows "press a key" buttons for key-press calls.
ALTER TABLE dev_outbox_entry ADD COLUMN call_ref uuid;
