-- Identity: the sign-in throttle. Per client address softly (token buckets, Bucket4j), per account
-- firmly (progressive waits, then temporary locks), never permanently. Both tables are shared by
-- every node; their rows are short-lived and a scheduled clean-up deletes the ones that no longer
-- matter.

-- Bucket4j's own table (PostgreSQLSelectForUpdateBasedProxyManager with String keys): one token
-- bucket per client address; each failed sign-in takes a token, tokens flow back on their own.
-- expires_at is Bucket4j's, in epoch milliseconds: when the bucket will be full again.
CREATE TABLE identity_throttle_address_buckets (
  id         varchar(100) PRIMARY KEY,
  state      bytea,
  expires_at bigint
);
CREATE INDEX identity_throttle_address_buckets_expiry ON identity_throttle_address_buckets (expires_at);

-- Our own table: a token bucket keeps neither the last failure's time (the progressive wait runs
-- from it) nor past locks (a lock that recurs soon lasts longer), so one row per account and device
-- pool keeps both, updated in one statement per failure.
CREATE TABLE identity_throttle_account_pools (
  account_key      varchar(200) NOT NULL,
  -- 'unrecognised' (every browser the account has not signed in from) or 'device:' and the hash
  -- of a recognised device: an attacker elsewhere cannot lock the patient out of their own browser.
  pool             varchar(200) NOT NULL,
  -- Failures since first_failure_at; 0 again when a lock starts.
  failures         integer      NOT NULL,
  first_failure_at timestamptz  NOT NULL,
  last_failure_at  timestamptz  NOT NULL,
  -- Locks in a row, each starting soon after the previous one ended; decides the next lock's length.
  locks            integer      NOT NULL DEFAULT 0,
  locked_until     timestamptz,
  PRIMARY KEY (account_key, pool)
);
CREATE INDEX identity_throttle_account_pools_last_failure ON identity_throttle_account_pools (last_failure_at);
