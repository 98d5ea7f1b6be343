package org.caregate.identity.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.caregate.IntegrationTest;
import org.caregate.notify.MutableClock;
import org.caregate.notify.MutableClockConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The throttle with its default settings on a real PostgreSQL: 3 free failures, then waits of 30 s
 * doubling up to 5 min, a 15-minute lock at 10 failures (recurring: 30 min, then at most 1 h), and
 * 30 failures per address per 10 minutes. Every test uses keys of its own.
 */
@IntegrationTest
@Import(MutableClockConfiguration.class)
@RecordApplicationEvents
class SignInThrottleIntegrationTests {

    @Autowired
    SignInThrottle throttle;

    @Autowired
    MutableClock clock;

    @Autowired
    ApplicationEvents events;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    SignInThrottleSettings settings;

    @Autowired
    ApplicationEventPublisher publisher;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    ConfigurableApplicationContext context;

    String account;
    ThrottleKeys elsewhere;

    @BeforeEach
    void newAccountAndAddress() {
        clock.reset();
        account = "account:" + UUID.randomUUID();
        elsewhere = unrecognised(account, randomAddress());
    }

    @Test
    void firstFailuresPassFreely() {
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.check(elsewhere)).isEqualTo(new Verdict.Allowed());
            assertThat(throttle.failed(elsewhere)).isEqualTo(new Verdict.Allowed());
        }
        assertThat(throttle.check(elsewhere)).isEqualTo(new Verdict.Allowed());
    }

    @Test
    void furtherFailuresWaitLongerEachTime() {
        failFreely(elsewhere, 3);

        assertThat(throttle.failed(elsewhere)).isEqualTo(new Verdict.Wait(Duration.ofSeconds(30)));
        clock.advance(Duration.ofSeconds(10));
        assertThat(throttle.check(elsewhere)).isEqualTo(new Verdict.Wait(Duration.ofSeconds(20)));
        clock.advance(Duration.ofSeconds(20));
        assertThat(throttle.check(elsewhere)).isEqualTo(new Verdict.Allowed());

        assertThat(throttle.failed(elsewhere)).isEqualTo(new Verdict.Wait(Duration.ofMinutes(1)));
        clock.advance(Duration.ofMinutes(1));
        assertThat(throttle.failed(elsewhere)).isEqualTo(new Verdict.Wait(Duration.ofMinutes(2)));
        clock.advance(Duration.ofMinutes(2));
        assertThat(throttle.failed(elsewhere)).isEqualTo(new Verdict.Wait(Duration.ofMinutes(4)));
        clock.advance(Duration.ofMinutes(4));
        assertThat(throttle.failed(elsewhere)).as("capped at max-delay").isEqualTo(new Verdict.Wait(Duration.ofMinutes(5)));
    }

    @Test
    void tenthFailureLocksTheAccountForFifteenMinutes() {
        assertThat(failWaitingOut(elsewhere, 9)).isInstanceOf(Verdict.Wait.class);

        Instant lockedAt = clock.instant();
        Verdict locked = throttle.failed(elsewhere);

        Instant until = lockedAt.plus(Duration.ofMinutes(15));
        assertThat(locked).isEqualTo(new Verdict.Locked(until, Duration.ofMinutes(15)));
        clock.advance(Duration.ofMinutes(5));
        assertThat(throttle.check(elsewhere)).isEqualTo(new Verdict.Locked(until, Duration.ofMinutes(10)));
        assertThat(throttle.failed(elsewhere)).as("a failure racing the lock does not extend it")
                .isEqualTo(new Verdict.Locked(until, Duration.ofMinutes(10)));
    }

    @Test
    void lockEndsOnItsOwn() {
        lock(elsewhere);

        clock.advance(Duration.ofMinutes(15).minusSeconds(1));
        assertThat(throttle.check(elsewhere)).isInstanceOf(Verdict.Locked.class);
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.check(elsewhere)).isEqualTo(new Verdict.Allowed());
        assertThat(throttle.failed(elsewhere)).as("a new run of failures starts free").isEqualTo(new Verdict.Allowed());
    }

    @Test
    void recurringLockLastsLongerButIsCapped() {
        assertThat(lock(elsewhere).remaining()).isEqualTo(Duration.ofMinutes(15));
        clock.advance(Duration.ofMinutes(15));
        assertThat(lock(elsewhere).remaining()).isEqualTo(Duration.ofMinutes(30));
        clock.advance(Duration.ofMinutes(30));
        assertThat(lock(elsewhere).remaining()).isEqualTo(Duration.ofHours(1));
        clock.advance(Duration.ofHours(1));
        assertThat(lock(elsewhere).remaining()).as("capped at max-lock").isEqualTo(Duration.ofHours(1));
    }

    @Test
    void lockLongAfterThePreviousOneIsShortAgain() {
        lock(elsewhere);
        clock.advance(Duration.ofMinutes(15).plus(Duration.ofHours(1)));

        assertThat(lock(elsewhere).remaining()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void failuresOutOfTheWindowAreForgotten() {
        failWaitingOut(elsewhere, 9);
        clock.advance(Duration.ofHours(1));

        assertThat(throttle.check(elsewhere)).isEqualTo(new Verdict.Allowed());
        assertThat(throttle.failed(elsewhere)).isEqualTo(new Verdict.Allowed());
    }

    @Test
    void successClearsTheFailures() {
        assertThat(failWaitingOut(elsewhere, 6)).isEqualTo(new Verdict.Wait(Duration.ofMinutes(2)));
        clock.advance(Duration.ofMinutes(2));

        throttle.succeeded(elsewhere);

        assertThat(throttle.check(elsewhere)).isEqualTo(new Verdict.Allowed());
        failFreely(elsewhere, 3);
        assertThat(throttle.failed(elsewhere)).isEqualTo(new Verdict.Wait(Duration.ofSeconds(30)));
    }

    @Test
    void attackerCannotLockThePatientOutOfTheirRecognisedDevice() {
        ThrottleKeys patientsLaptop = new ThrottleKeys(account, randomAddress(), "device-" + UUID.randomUUID());
        lock(elsewhere);

        assertThat(throttle.check(elsewhere)).isInstanceOf(Verdict.Locked.class);
        assertThat(throttle.check(patientsLaptop)).isEqualTo(new Verdict.Allowed());
        assertThat(throttle.failed(patientsLaptop)).as("the laptop's own free failures").isEqualTo(new Verdict.Allowed());
        throttle.succeeded(patientsLaptop);
        assertThat(throttle.check(elsewhere)).as("signing in on the laptop leaves the lock elsewhere")
                .isInstanceOf(Verdict.Locked.class);
    }

    @Test
    void recognisedDeviceLocksOnlyItself() {
        ThrottleKeys patientsLaptop = new ThrottleKeys(account, randomAddress(), "device-" + UUID.randomUUID());
        lock(patientsLaptop);

        assertThat(throttle.check(patientsLaptop)).isInstanceOf(Verdict.Locked.class);
        assertThat(throttle.check(elsewhere)).isEqualTo(new Verdict.Allowed());
    }

    @Test
    void manyFailuresFromOneAddressOnlyMakeItWait() {
        String clinic = randomAddress();
        for (int i = 0; i < 29; i++) {
            assertThat(throttle.failed(unrecognised(newAccount(), clinic))).isEqualTo(new Verdict.Allowed());
        }

        Verdict thirtieth = throttle.failed(unrecognised(newAccount(), clinic));

        // The bucket refills 30 tokens per 10 minutes: one every 20 seconds.
        assertThat(thirtieth).isEqualTo(new Verdict.Wait(Duration.ofSeconds(20)));
        ThrottleKeys nextPatient = unrecognised(newAccount(), clinic);
        assertThat(throttle.check(nextPatient)).isEqualTo(new Verdict.Wait(Duration.ofSeconds(20)));
        for (int i = 0; i < 40; i++) {
            assertThat(throttle.failed(unrecognised(newAccount(), clinic))).as("never locked by the address rule")
                    .isInstanceOf(Verdict.Wait.class);
        }
        clock.advance(Duration.ofMinutes(10));
        assertThat(throttle.check(unrecognised(newAccount(), clinic))).as("drains on its own")
                .isEqualTo(new Verdict.Allowed());
    }

    @Test
    void recognisedDevicesAreExemptFromTheAddressRule() {
        String careHome = randomAddress();
        for (int i = 0; i < 30; i++) {
            throttle.failed(unrecognised(newAccount(), careHome));
        }
        assertThat(throttle.check(unrecognised(account, careHome))).isInstanceOf(Verdict.Wait.class);

        ThrottleKeys residentsTablet = new ThrottleKeys(account, careHome, "device-" + UUID.randomUUID());
        assertThat(throttle.check(residentsTablet)).isEqualTo(new Verdict.Allowed());
        assertThat(throttle.failed(residentsTablet)).isEqualTo(new Verdict.Allowed());
    }

    @Test
    void lockBeatsTheAddressWait() {
        Verdict.Locked locked = lock(elsewhere);
        for (int i = 0; i < 30; i++) {
            throttle.failed(unrecognised(newAccount(), elsewhere.clientAddress()));
        }
        assertThat(throttle.check(unrecognised(newAccount(), elsewhere.clientAddress()))).isInstanceOf(Verdict.Wait.class);

        assertThat(throttle.check(elsewhere)).isEqualTo(locked);
    }

    @Test
    void unlockClearsEveryPool() {
        ThrottleKeys patientsLaptop = new ThrottleKeys(account, randomAddress(), "device-" + UUID.randomUUID());
        lock(elsewhere);
        failWaitingOut(patientsLaptop, 5);
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.check(patientsLaptop)).isInstanceOf(Verdict.Wait.class);

        throttle.unlock(account);

        assertThat(throttle.check(elsewhere)).isEqualTo(new Verdict.Allowed());
        assertThat(throttle.check(patientsLaptop)).isEqualTo(new Verdict.Allowed());
        assertThat(throttle.failed(patientsLaptop)).as("counting starts again").isEqualTo(new Verdict.Allowed());
        assertThat(lock(elsewhere).remaining()).as("no longer a recurring lock").isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void failuresRacingOnTwoNodesAreBothCounted() {
        failFreely(elsewhere, 2);

        List<Verdict> verdicts = failTogether(throttle, otherNode());

        assertThat(verdicts).as("the third failure is free, the fourth waits")
                .containsExactlyInAnyOrder(new Verdict.Allowed(), new Verdict.Wait(Duration.ofSeconds(30)));
        assertThat(throttle.check(elsewhere)).isEqualTo(new Verdict.Wait(Duration.ofSeconds(30)));
        assertThat(otherNode().check(elsewhere)).isEqualTo(new Verdict.Wait(Duration.ofSeconds(30)));
    }

    @Test
    void failuresRacingPastTheLimitStartOneLock() {
        List<SignInLockStarted> started = new CopyOnWriteArrayList<>();
        context.addApplicationListener(ApplicationListener.<SignInLockStarted>forPayload(event -> {
            if (event.accountKey().equals(account)) {
                started.add(event);
            }
        }));
        failWaitingOut(elsewhere, 9);
        Instant until = clock.instant().plus(Duration.ofMinutes(15));

        List<Verdict> verdicts = failTogether(throttle, otherNode());

        assertThat(verdicts).containsOnly(new Verdict.Locked(until, Duration.ofMinutes(15)));
        assertThat(started).hasSize(1);
    }

    @Test
    void lockStartedIsPublishedOnce() {
        Instant start = clock.instant();
        failWaitingOut(elsewhere, 9);
        Instant lockedAt = clock.instant();
        throttle.failed(elsewhere);
        throttle.failed(elsewhere);
        clock.advance(Duration.ofMinutes(1));
        throttle.failed(elsewhere);

        assertThat(events.stream(SignInLockStarted.class).filter(e -> e.accountKey().equals(account)))
                .containsExactly(new SignInLockStarted(account, lockedAt, lockedAt.plus(Duration.ofMinutes(15))));
        assertThat(lockedAt).isAfter(start);
    }

    /** Fails until the pool locks, waiting out each wait; returns the lock. */
    private Verdict.Locked lock(ThrottleKeys keys) {
        Verdict verdict = failWaitingOut(keys, 10);
        assertThat(verdict).isInstanceOf(Verdict.Locked.class);
        return (Verdict.Locked) verdict;
    }

    /** Fails {@code times} times, moving the clock past each wait but the last; returns the last verdict. */
    private Verdict failWaitingOut(ThrottleKeys keys, int times) {
        Verdict verdict = new Verdict.Allowed();
        for (int i = 0; i < times; i++) {
            if (verdict instanceof Verdict.Wait wait) {
                clock.advance(wait.retryAfter());
            }
            assertThat(throttle.check(keys)).isEqualTo(new Verdict.Allowed());
            verdict = throttle.failed(keys);
        }
        return verdict;
    }

    private void failFreely(ThrottleKeys keys, int times) {
        for (int i = 0; i < times; i++) {
            assertThat(throttle.failed(keys)).isEqualTo(new Verdict.Allowed());
        }
    }

    /** The same failure on two nodes at the same moment; returns both verdicts. */
    private List<Verdict> failTogether(SignInThrottle one, SignInThrottle other) {
        CyclicBarrier together = new CyclicBarrier(2);
        List<Future<Verdict>> attempts;
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            attempts = Stream.of(one, other).map(node -> threads.submit(() -> {
                together.await();
                return node.failed(elsewhere);
            })).toList();
        } // closing waits for both
        return attempts.stream().map(Future::resultNow).toList();
    }

    /** A second throttle of its own, as on another node: nothing shared with the first but the database. */
    private SignInThrottle otherNode() {
        return new SignInThrottle(new AccountPools(JdbcClient.create(dataSource)),
                new AddressBuckets(dataSource, clock, settings), settings, clock, publisher, transactions);
    }

    private static ThrottleKeys unrecognised(String account, String address) {
        return new ThrottleKeys(account, address, null);
    }

    private static String newAccount() {
        return "account:" + UUID.randomUUID();
    }

    /** An address from the documentation range no real client has, random per test. */
    private static String randomAddress() {
        var random = ThreadLocalRandom.current();
        return "2001:db8:%x:%x::%x".formatted(random.nextInt(0x10000), random.nextInt(0x10000), random.nextInt(0x10000));
    }
}
