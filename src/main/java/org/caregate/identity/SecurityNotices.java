package org.caregate.identity;

/**
 * Tells a person about a change to their account's security (a password, a contact, a second
 * factor) at every contact on file, whatever their notice preferences, so that someone who got into
 * the account cannot silence it. Messages hold no code and no health information: what changed, and
 * to call support if it was not them.
 */
public interface SecurityNotices {

    /**
     * Queues the notice in the caller's transaction (sent only if it commits). The message source
     * needs {@code <key>.subject} and {@code <key>.mail} (e-mail), {@code <key>.text} (text message)
     * and {@code <key>.call} (a call to a landline when there is no e-mail), each given the
     * organisation's name ({0}) and support number ({1}). Staff accounts are not told this way.
     */
    void tell(AccountId account, String messageKey);
}
