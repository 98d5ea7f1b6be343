/**
 * Texts and calls through Twilio, present only when {@code caregate.notify.twilio.account-sid} is
 * set: a gateway for {@code SMS} and one for {@code VOICE}, and the webhooks Twilio calls back with
 * delivery statuses and pressed keys. Every webhook request must carry Twilio's signature over the
 * portal's public address; nothing else is trusted.
 */
@NullMarked
package org.caregate.notify.twilio;

import org.jspecify.annotations.NullMarked;
