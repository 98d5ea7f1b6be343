package org.caregate.mfa;

import org.caregate.identity.AccountId;
import org.caregate.patient.PhoneNumber;

/**
 * Phones that proved themselves outside the portal's own set-up, such as the demo's patients'
 * (and, later, an EHR import of numbers verified at the front desk). The portal's own set-up proves
 * a phone by a code sent to it.
 */
public interface ProvedPhones {

    /** Sets the account's phone for second-factor codes unless it has one; true when it was set. */
    boolean setIfNone(AccountId account, PhoneNumber phone);
}
