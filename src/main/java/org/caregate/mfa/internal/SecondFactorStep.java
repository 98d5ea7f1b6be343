package org.caregate.mfa.internal;

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

    SecondFactorStep(SecondFactorPolicy policy) {
        this.policy = policy;
    }

    @Override
    public Optional<String> nextStep(PortalUser user, @Nullable String deviceToken) {
        if (user.kind() != AccountKind.PATIENT || user.organizationId() == null) {
            // Staff second factors come with the staff console.
            return Optional.empty();
        }
        return Optional.ofNullable(switch (policy.decide(user)) {
            case OPEN -> null;
            case VERIFY -> policy.methods(user.accountId()).getFirst().path(user.organizationId());
            case OFFER, ENROL -> "/" + user.organizationId() + "/sign-in/step/set-up";
        });
    }
}
