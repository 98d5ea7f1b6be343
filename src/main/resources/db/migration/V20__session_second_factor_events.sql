-- Second-factor events join the person's sign-in history.
ALTER TABLE session_sign_in_event DROP CONSTRAINT session_sign_in_event_outcome_check;
ALTER TABLE session_sign_in_event ADD CONSTRAINT session_sign_in_event_outcome_check
    CHECK (outcome IN ('SIGNED_IN', 'WRONG_PASSWORD', 'THROTTLED', 'LOCKED', 'SECOND_FACTOR_FAILED',
                       'SECOND_FACTOR_ADDED', 'SECOND_FACTOR_REMOVED', 'SECOND_FACTORS_RESET',
                       'REMEMBERED_DEVICE_USED'));
