package org.caregate.demo.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;
import org.caregate.apps.AppRegistrations;
import org.junit.jupiter.api.Test;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Profile;
import org.springframework.dao.DuplicateKeyException;

/** The demo app: registered under {@code demo-app} when the demo runs, never in {@code prod}. */
class DemoAppTests {

    @Test
    void theDemoAppIsNeverMadeInProductionNorWithoutTheDemo() {
        assertThat(DemoApp.class.getAnnotation(Profile.class).value()).containsExactly("!prod");
        ConditionalOnProperty demo = DemoApp.class.getAnnotation(ConditionalOnProperty.class);
        assertThat(demo.name()).containsExactly("caregate.demo.enabled");
        assertThat(demo.havingValue()).isEqualTo("true");
    }

    @Test
    void itRegistersTheBrowserAppWithItsLocalRedirectAddress() {
        AppRegistrations apps = mock(AppRegistrations.class);
        List<String> redirect = List.of("http://localhost:8080/demo-app/callback");
        when(apps.registerPublicAppOnce("demo-app", "Caregate demo app", redirect)).thenReturn(true, false)
                .thenThrow(new DuplicateKeyException("another node registered it first"));
        DemoApp demo = new DemoApp(apps);

        demo.run(new DefaultApplicationArguments());
        demo.run(new DefaultApplicationArguments());
        demo.run(new DefaultApplicationArguments());

        verify(apps, times(3)).registerPublicAppOnce("demo-app", "Caregate demo app", redirect);
    }
}
