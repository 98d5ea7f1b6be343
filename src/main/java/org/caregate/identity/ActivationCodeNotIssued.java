package org.caregate.identity;

/** No code was issued, for a reason staff can act on. The message names no patient or contact. */
public class ActivationCodeNotIssued extends RuntimeException {

    /** Why no code was issued. */
    public enum Reason {
        /** The patient has no record number at that organisation. */
        NOT_AT_ORGANIZATION,
        /** The patient already has an account: they sign in, or recover their password. */
        HAS_ACCOUNT,
        /** An e-mail was asked for, but the registry has no e-mail address for the patient. */
        NO_EMAIL_ON_FILE,
        /** A text was asked for, but the registry has no mobile phone for the patient. */
        NO_MOBILE_ON_FILE
    }

    private final Reason reason;

    public ActivationCodeNotIssued(Reason reason) {
        super("Activation code not issued: " + reason);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
