package org.caregate.notify;

/** How a message reaches a person. */
public enum Channel {

    /** An e-mail through the operator's SMTP server. */
    EMAIL,

    /** A text message to a mobile phone. */
    SMS,

    /** A phone call that reads the message aloud; reaches landlines too. */
    VOICE
}
