/**
 * Texts and calls through Twilio, present only when {@code caregate.notify.twilio.account-sid} is
 * set: a gateway for {@code SMS} and one for {@code VOICE}.
 */
@NullMarked
package org.caregate.notify.twilio;

import org.jspecify.annotations.NullMarked;
