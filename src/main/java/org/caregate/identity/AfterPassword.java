package org.caregate.identity;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Decides what a person must still do once their password was right, before the portal opens: the
 * second-factor feature implements it. Without an implementation the portal opens at once.
 */
public interface AfterPassword {

    /**
     * The address of the step to take next (a page under {@code /{org}/sign-in/step/}), or empty when
     * the portal may open now.
     *
     * @param deviceToken the browser's device cookie, if it has one (a remembered browser may skip the step)
     */
    Optional<String> nextStep(PortalUser user, @Nullable String deviceToken);
}
