package org.caregate.demo.internal;

import java.util.List;
import org.caregate.apps.AppRegistrations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Profile;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * The demo app: a browser app registered once under the client id {@code demo-app}, so that an app's
 * launch can be tried by hand against a demo portal on this computer (docs/DEMO.md). Its redirect
 * address is on localhost, where nothing answers but the portal's "page not found", with the code in
 * the address bar. Never in {@code prod}, whatever {@code caregate.demo.enabled} says: a fixed,
 * published client id has no place in a real portal.
 */
@Component
@Profile("!prod")
@ConditionalOnProperty(name = "caregate.demo.enabled", havingValue = "true")
class DemoApp implements ApplicationRunner {

    static final String CLIENT_ID = "demo-app";
    static final String NAME = "Caregate demo app";
    static final String REDIRECT = "http://localhost:8080/demo-app/callback";

    private static final Logger log = LoggerFactory.getLogger(DemoApp.class);

    private final AppRegistrations apps;

    DemoApp(AppRegistrations apps) {
        this.apps = apps;
    }

    @Override
    public void run(ApplicationArguments args) {
        boolean registered;
        try {
            registered = apps.registerPublicAppOnce(CLIENT_ID, NAME, List.of(REDIRECT));
        } catch (DuplicateKeyException e) {
            // Another node starting at the same moment registered it first.
            registered = false;
        }
        if (registered) {
            log.info("Registered the demo app (client id {}, redirect address {})", CLIENT_ID, REDIRECT);
        }
    }
}
