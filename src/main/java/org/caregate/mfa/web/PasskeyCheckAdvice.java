package org.caregate.mfa.web;

import jakarta.servlet.http.HttpServletRequest;
import org.caregate.identity.SignInMethod;
import org.caregate.identity.SignInSteps;
import org.caregate.mfa.internal.PasskeySettings;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * On the second-step pages of someone who signed in with a passkey: the number of days after which
 * the other factor is asked for, so the page can say why it is asked now ({@code passkeyCheckDays});
 * absent otherwise. "Remember this device" is not offered then.
 */
@ControllerAdvice(assignableTypes = {SecondFactorController.class, OtherMethodsController.class,
        PhoneCallController.class})
@ConditionalOnWebApplication
class PasskeyCheckAdvice {

    private final SignInSteps steps;
    private final PasskeySettings settings;

    PasskeyCheckAdvice(SignInSteps steps, PasskeySettings settings) {
        this.steps = steps;
        this.settings = settings;
    }

    @ModelAttribute("passkeyCheckDays")
    @Nullable Long passkeyCheckDays(HttpServletRequest request) {
        return steps.pending(request).filter(user -> user.method() == SignInMethod.PASSKEY)
                .map(user -> settings.checkEvery(user.organizationId()).toDays()).orElse(null);
    }
}
