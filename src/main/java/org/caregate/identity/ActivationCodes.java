package org.caregate.identity;

import org.caregate.patient.PatientId;

/**
 * Activation codes: what staff or the EHR give a patient so they can open their portal account at
 * one organisation ({@code /{org}/sign-up}). A code is 12 characters of an alphabet without
 * look-alikes or vowels, grouped for reading aloud ({@code K7QM-3FXP-9TRW}); it works once, for
 * {@code caregate.activation.lifetime} (30 days), together with the patient's date of birth. Issuing
 * a new code retires the patient's previous one at that organisation. Every issue is recorded: who,
 * when and how.
 */
public interface ActivationCodes {

    /** How the code reaches the patient. */
    enum Delivery {
        /** To the e-mail address on file in the registry. */
        EMAIL,
        /** To the mobile phone on file in the registry. */
        TEXT,
        /** Printed on an activation letter: the code is returned for printing and sent nowhere. */
        LETTER
    }

    /**
     * Issues a new code for the patient at the organisation and delivers it. The issuer recorded is
     * the signed-in staff member, or the system (the EHR, the demo) when nobody is signed in.
     *
     * @throws ActivationCodeNotIssued when the patient is not known there, already has an account, or
     *     has no contact on file for the delivery asked
     */
    IssuedCode issue(PatientId patient, String organizationId, Delivery delivery);

    /** Whether the patient has a code at the organisation that still works (unused, unexpired). */
    boolean hasWorkingCode(PatientId patient, String organizationId);
}
