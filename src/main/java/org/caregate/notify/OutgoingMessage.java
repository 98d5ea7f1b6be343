package org.caregate.notify;

import org.jspecify.annotations.Nullable;

/**
 * One message to send. It must carry no health information: say "you have a new message", never
 * what it says. The body may hold a one-time code; the outbox erases it once the message is sent.
 *
 * <p>Invalid messages are refused here, before anything is queued. The refusal never quotes the
 * address or the text, as exception messages end up in logs.
 *
 * @param channel how it is sent
 * @param to an e-mail address for {@link Channel#EMAIL}; a phone number in +E.164 form
 *     ({@code +15075550123}) for {@link Channel#SMS} and {@link Channel#VOICE}
 * @param subject the e-mail's subject; texts and calls have none
 * @param body plain text: the e-mail's text, the text message, or what the call says
 */
public record OutgoingMessage(Channel channel, String to, @Nullable String subject, String body) {

    private static final int MAX_ADDRESS = 320;
    private static final int MAX_SUBJECT = 300;

    public OutgoingMessage {
        if (to.isBlank() || to.length() > MAX_ADDRESS || containsLineBreak(to)) {
            throw new IllegalArgumentException("A message needs one recipient, on one line");
        }
        if (channel == Channel.EMAIL && !to.contains("@")) {
            throw new IllegalArgumentException("An e-mail needs an e-mail address");
        }
        if (channel != Channel.EMAIL && !to.matches("\\+[1-9]\\d{6,14}")) {
            throw new IllegalArgumentException("Texts and calls need a phone number in +E.164 form");
        }
        if (channel == Channel.EMAIL && (subject == null || subject.isBlank())) {
            throw new IllegalArgumentException("An e-mail needs a subject");
        }
        if (channel != Channel.EMAIL && subject != null) {
            throw new IllegalArgumentException("Only e-mail has a subject");
        }
        // A line break in a header would let text inject headers of its own.
        if (subject != null && (subject.length() > MAX_SUBJECT || containsLineBreak(subject))) {
            throw new IllegalArgumentException("An e-mail subject is one line of at most " + MAX_SUBJECT + " characters");
        }
        if (body.isBlank()) {
            throw new IllegalArgumentException("A message needs a body");
        }
    }

    /** An e-mail to {@code address}. */
    public static OutgoingMessage email(String address, String subject, String body) {
        return new OutgoingMessage(Channel.EMAIL, address, subject, body);
    }

    /** A text message to {@code phoneNumber} in +E.164 form. */
    public static OutgoingMessage text(String phoneNumber, String body) {
        return new OutgoingMessage(Channel.SMS, phoneNumber, null, body);
    }

    /** A phone call to {@code phoneNumber} in +E.164 form that reads {@code body} aloud. */
    public static OutgoingMessage call(String phoneNumber, String body) {
        return new OutgoingMessage(Channel.VOICE, phoneNumber, null, body);
    }

    private static boolean containsLineBreak(String text) {
        return text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0;
    }
}
