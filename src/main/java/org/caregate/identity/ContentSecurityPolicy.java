package org.caregate.identity;

import java.util.Collection;

/**
 * The Content-Security-Policy of the portal's pages: no inline script or style, nothing from other
 * sites, no framing, and forms that post to the portal only. A page whose form's answer sends the
 * browser on to another site (the consent page, whose answer goes back to the app) sets the policy
 * itself with {@link #allowingFormsTo(Collection)}: browsers apply {@code form-action} to every
 * redirect after the post, not only to the form's own address.
 */
public final class ContentSecurityPolicy {

    public static final String HEADER = "Content-Security-Policy";

    private static final String BEFORE_FORMS = String.join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'");

    private static final String AFTER_FORMS = "frame-ancestors 'none'";

    /** The policy of every page. */
    public static final String STANDARD = BEFORE_FORMS + "; form-action 'self'; " + AFTER_FORMS;

    private ContentSecurityPolicy() {}

    /**
     * The policy for a page whose forms' answers may also lead to these sources.
     *
     * @param sources CSP source expressions: origins such as {@code https://app.example} or schemes
     *     such as {@code com.example.app:}, nothing that could end the directive
     */
    public static String allowingFormsTo(Collection<String> sources) {
        for (String source : sources) {
            if (!source.matches("[A-Za-z][A-Za-z0-9+.-]*:(//[A-Za-z0-9.\\[\\]:-]+)?")) {
                throw new IllegalArgumentException("Not a scheme or an origin");
            }
        }
        String extra = sources.stream().distinct().map(source -> " " + source).reduce("", String::concat);
        return BEFORE_FORMS + "; form-action 'self'" + extra + "; " + AFTER_FORMS;
    }
}
