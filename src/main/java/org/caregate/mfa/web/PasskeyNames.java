package org.caregate.mfa.web;

/** The name a person gives a passkey ("My phone"), made safe to keep and show. */
final class PasskeyNames {

    static final int MAX = 60;

    private PasskeyNames() {}

    /**
     * The name without control characters and surrounding spaces, cut to {@link #MAX} characters;
     * {@code fallback} (the browser's description) when nothing is left, and "Passkey" when that is empty too.
     */
    static String clean(String name, String fallback) {
        String cleaned = name.replaceAll("\\p{Cntrl}", " ").strip();
        if (cleaned.isEmpty()) {
            cleaned = fallback.strip();
        }
        if (cleaned.isEmpty()) {
            cleaned = "Passkey";
        }
        return cleaned.length() > MAX ? cleaned.substring(0, MAX).strip() : cleaned;
    }
}
