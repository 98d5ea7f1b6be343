package org.caregate.mfa.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.caregate.identity.AccountKind;
import org.caregate.identity.AfterPassword;
import org.caregate.identity.PortalUser;
import org.caregate.identity.SignInMethod;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * After a right password or a passkey: the second-factor check, the enrolment it requires, or
 * nothing, by {@link Policy} (and {@link PasskeyPolicy} for passkeys and for staff who must use one).
 */
@Component
class SecondFactorStep implements AfterPassword {

    private final SecondFactorPolicy policy;
    private final RememberedDevices remembered;
    private final FactorHistory history;
    private final Passkeys passkeys;
    private final PasskeySettings passkeySettings;

    SecondFactorStep(SecondFactorPolicy policy, RememberedDevices remembered, FactorHistory history, Passkeys passkeys,
            PasskeySettings passkeySettings) {
        this.passkeys = passkeys;
        this.passkeySettings = passkeySettings;
        this.policy = policy;
        this.remembered = remembered;
        this.history = history;
    }

    @Override
    public Optional<String> nextStep(PortalUser user, HttpServletRequest request) {
        if (user.kind() == AccountKind.STAFF && user.method() == SignInMethod.PASSWORD) {
            // Other staff second factors come with the staff console.
            return Optional.ofNullable(PasskeyPolicy.afterStaffPassword(passkeySettings.requiredForStaff(),
                    passkeys.hasUsable(user.accountId()))).map(PasskeyPolicy.StaffStep::path);
        }
        if (user.kind() != AccountKind.PATIENT || user.organizationId() == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(switch (policy.decide(user)) {
            case OPEN -> null;
            // A browser remembered for this account and this sign-in method skips the second factor; not
            // the check a passkey sign-in needs now and then, which is there to prove the other factor works.
            case VERIFY -> user.method() == SignInMethod.PASSWORD
                    && remembered.isRemembered(user.accountId(), user.method(), request)
                    ? rememberedDeviceUsed(user)
                    : policy.methods(user.accountId()).getFirst().path(user.organizationId());
            case OFFER, ENROL -> "/" + user.organizationId() + "/sign-in/step/set-up";
        });
    }

    private @Nullable String rememberedDeviceUsed(PortalUser user) {
        history.rememberedDeviceUsed(user.accountId(), user.method());
        return null;
    }
}
