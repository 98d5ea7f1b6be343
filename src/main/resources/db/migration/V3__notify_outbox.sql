-- Notifications: the durable outbox that every node's worker sends from, and the demo's dev outbox.

-- A row is written in the same transaction as the change that calls for the message, so a message
-- exists exactly when that change committed. The worker claims rows with a lease and a claim token
-- (a fencing token): only the holder of the current token may record the outcome.
CREATE TABLE notify_outbox (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  channel         varchar(10)  NOT NULL CHECK (channel IN ('EMAIL', 'SMS', 'VOICE')),
  recipient       varchar(320) NOT NULL,
  subject         varchar(300),
  -- Erased once the message is SENT or FAILED: bodies can hold one-time codes.
  body            text         NOT NULL,
  status          varchar(10)  NOT NULL DEFAULT 'PENDING'
                  CHECK (status IN ('PENDING', 'SENDING', 'SENT', 'FAILED')),
  attempts        integer      NOT NULL DEFAULT 0,
  next_attempt_at timestamptz  NOT NULL,
  claimed_by      varchar(100),
  claim_token     uuid,
  lease_until     timestamptz,
  -- What went wrong, as exception types or a fixed sentence; never provider text, which can quote the address.
  last_error      varchar(200),
  created_at      timestamptz  NOT NULL,
  sent_at         timestamptz,
  CONSTRAINT notify_outbox_claim_held_while_sending
    CHECK ((status = 'SENDING') = (claim_token IS NOT NULL AND lease_until IS NOT NULL))
);

-- The worker's claim query: PENDING rows that are due, and SENDING rows whose node died (lease over).
-- Partial indexes, so the growing history of SENT and FAILED rows costs the claim nothing.
CREATE INDEX notify_outbox_due ON notify_outbox (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX notify_outbox_lease ON notify_outbox (lease_until) WHERE status = 'SENDING';

-- Demo only: a copy of every message the worker delivered, shown at /dev/outbox. Empty in production.
CREATE TABLE dev_outbox_entry (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  channel    varchar(10)  NOT NULL,
  recipient  varchar(320) NOT NULL,
  subject    varchar(300),
  body       text         NOT NULL,
  created_at timestamptz  NOT NULL
);

CREATE INDEX dev_outbox_entry_newest ON dev_outbox_entry (created_at DESC, id DESC);
