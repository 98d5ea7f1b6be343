package org.caregate.mfa.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.caregate.identity.AccountKind;
import org.caregate.identity.AfterPassword;
import org.caregate.identity.PortalUser;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** After a right password: the second-factor check, the enrolment it requires, or nothing, by {@link Policy}. */
@Component
class SecondFactorStep implements AfterPassword {

    private final SecondFactorPolicy policy;
    private final RememberedDevices remembered;
    private final FactorHistory history;

    SecondFactorStep(SecondFactorPolicy policy, RememberedDevices remembered, FactorHistory history) {
        this.policy = policy;
        this.remembered = remembered;
        this.history = history;
    }

    @Override
    public Optional<String> nextStep(PortalUser user, HttpServletRequest request) {
        if (user.kind() != AccountKind.PATIENT || user.organizationId() == null) {
            // Staff second factors come with the staff console.
            return Optional.empty();
        }
        return Optional.ofNullable(switch (policy.decide(user)) {
            case OPEN -> null;
            // A browser remembered for this account and this sign-in method skips the second factor.
            case VERIFY -> remembered.isRemembered(user.accountId(), user.method(), request)
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
