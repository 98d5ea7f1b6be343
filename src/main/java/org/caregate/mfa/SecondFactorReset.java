package org.caregate.mfa;

import org.caregate.identity.AccountId;

/**
 * Support's reset of a lost second factor (after checking who is calling): every factor of the
 * account goes (phone, authenticator app, passkeys, recovery codes) and it must set one up right after its
 * password at the next sign-in, whatever its organisation's date. The person is told at every
 * contact on file. A console page calls this later; for now it is a service.
 */
public interface SecondFactorReset {

    void reset(AccountId account);
}
