package org.caregate.notify.twilio;

/** A webhook request that Twilio did not sign for this address: forged, altered or misrouted. */
class UnverifiedWebhook extends RuntimeException {

    UnverifiedWebhook(String why) {
        // No stack trace: the refusal is the expected answer to a forgery, not a fault.
        super(why, null, false, false);
    }
}
