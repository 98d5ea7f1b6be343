package org.caregate.apps;

import java.util.List;
import org.caregate.apps.internal.Clients;
import org.caregate.apps.internal.Registrations;
import org.springframework.stereotype.Service;

/**
 * Registering an app from outside the staff page: for the demo, which registers its demo app once
 * under a client id of its own. Administrators register real apps on the staff page, which gives each
 * a random client id.
 */
@Service
public class AppRegistrations {

    private final Registrations registrations;

    AppRegistrations(Registrations registrations) {
        this.registrations = registrations;
    }

    /**
     * Registers a browser or phone app (no secret; PKCE) that reads patients' records with their
     * approval, unless an app with this client id exists already. The redirect addresses follow the
     * staff page's rules (https, or http on localhost and 127.0.0.1; matched exactly).
     *
     * @return whether it was registered now
     * @throws IllegalArgumentException when the name or an address breaks those rules
     */
    public boolean registerPublicAppOnce(String clientId, String name, List<String> redirectUris) {
        try {
            return registrations.registerOnce(clientId, new Registrations.Request(name, Clients.Kind.PUBLIC,
                    String.join("\n", redirectUris), "", ""), null).isPresent();
        } catch (Registrations.Refused refused) {
            throw new IllegalArgumentException("The app cannot be registered: " + refused.problems().keySet());
        }
    }
}
