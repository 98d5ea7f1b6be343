package org.caregate.identity;

/**
 * How a person wants account notices: by e-mail, by text message, or both. Security notices
 * (password or contact changed) go to every contact on file regardless, so that someone who got
 * into the account cannot turn them off.
 */
public enum NoticeChannels {
    EMAIL,
    TEXT,
    BOTH;

    public boolean email() {
        return this != TEXT;
    }

    public boolean text() {
        return this != EMAIL;
    }
}
