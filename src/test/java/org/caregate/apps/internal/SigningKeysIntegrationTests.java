package org.caregate.apps.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import java.time.Duration;
import java.util.List;
import org.caregate.IntegrationTest;
import org.caregate.notify.MutableClock;
import org.caregate.notify.MutableClockConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/**
 * The ID-token signing keys change on their own: the newest signs; after its lifetime a new one
 * takes over and the old one stays published for a while, then goes.
 */
@IntegrationTest
@Import(MutableClockConfiguration.class)
class SigningKeysIntegrationTests {

    @Autowired
    SigningKeys keys;

    @Autowired
    AppSettings settings;

    @Autowired
    MutableClock clock;

    @Test
    void aNewKeyTakesOverAfterItsLifetimeAndTheOldOneIsPublishedUntilItsTokensHaveExpired() {
        RSAKey signing = keys.current();
        assertThat(keys.current().getKeyID()).as("the same key signs within its lifetime").isEqualTo(signing.getKeyID());

        clock.advance(settings.signingKeyLifetime().plus(Duration.ofMinutes(1)));
        RSAKey next = keys.current();
        assertThat(next.getKeyID()).isNotEqualTo(signing.getKeyID());
        List<String> published = keys.published().stream().map(RSAKey::getKeyID).toList();
        assertThat(published).startsWith(next.getKeyID()).contains(signing.getKeyID());

        clock.advance(settings.signingKeyLifetime().plus(Duration.ofMinutes(1)));
        RSAKey third = keys.current();
        assertThat(keys.published().stream().map(RSAKey::getKeyID).toList())
                .as("a key retired longer than retired-key-kept ago is no longer published")
                .startsWith(third.getKeyID()).contains(next.getKeyID()).doesNotContain(signing.getKeyID());
        assertThat(keys.published()).allSatisfy(key -> assertThat(key.toPublicJWK().isPrivate()).isFalse());

        // Rotated late (no one asked for a key for months): the key that signed until now stays published.
        clock.advance(Duration.ofDays(100));
        RSAKey late = keys.current();
        assertThat(keys.published().stream().map(RSAKey::getKeyID).toList())
                .containsExactly(late.getKeyID(), third.getKeyID());
    }
}
