package org.caregate.session.internal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.caregate.identity.AccountId;
import org.caregate.identity.AccountManagement;
import org.caregate.identity.SignInFailed;
import org.caregate.identity.SignInMethod;
import org.caregate.identity.SignedIn;
import org.caregate.notify.Notifications;
import org.caregate.organization.Organizations;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticMessageSource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.PlatformTransactionManager;

class SignInRecorderTests {

    private final SignInHistory history = mock(SignInHistory.class);
    private final Notifications notifications = mock(Notifications.class);
    private final SignInRecorder recorder = new SignInRecorder(history, new DeviceDescriptions(), mock(AccountManagement.class),
            mock(Organizations.class), notifications, new StaticMessageSource(),
            new SessionSettings(Duration.ofHours(12), 90, ZoneId.of("America/Chicago"), Duration.ofMinutes(2), Duration.ofHours(1)),
            mock(PlatformTransactionManager.class), "", Clock.systemUTC());

    @Test
    void aDatabaseFailureWhileRecordingNeverReachesTheSignIn() {
        doThrow(new DataAccessResourceFailureException("database away")).when(history)
                .record(any(), any(), any(), any(), any());
        AccountId account = AccountId.random();

        assertThatCode(() -> recorder.signedIn(new SignedIn(account, "clinic", SignInMethod.PASSWORD, Instant.now(), true,
                "Mozilla/5.0"))).doesNotThrowAnyException();
        assertThatCode(() -> recorder.failed(new SignInFailed(account, SignInMethod.PASSWORD, Instant.now(),
                SignInFailed.Reason.WRONG_PASSWORD, null))).doesNotThrowAnyException();
        verifyNoInteractions(notifications);
    }
}
