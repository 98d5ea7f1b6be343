package org.caregate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.caregate.FormSession;
import org.caregate.TestPatients;
import org.caregate.identity.Account;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.test.context.ActiveProfiles;

/**
 * Password sign-ins per second against raw Argon2id checks per second, same parameters, same
 * machine, one run. Argon2id is meant to dominate a sign-in: the ratio shows what everything else
 * (throttle, session rotation in PostgreSQL, device record, history, page) costs on top. Not a
 * test: run by {@code bench/sign-in-throughput}, which sets {@code caregate.bench=true}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "server.address=127.0.0.1")
@ActiveProfiles("test")
@Import(TestPatients.class)
@EnabledIfSystemProperty(named = "caregate.bench", matches = "true")
class SignInThroughputBenchmark {

    private static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("caregate.bench.warm-up-seconds", 5));
    private static final Duration ROUND = Duration.ofSeconds(Long.getLong("caregate.bench.round-seconds", 15));

    @LocalServerPort
    int port;

    @Autowired
    TestPatients patients;

    @Autowired
    JdbcClient jdbc;

    @Test
    void signInsPerSecondAgainstRawArgon2idChecksPerSecond() throws Exception {
        int threads = Runtime.getRuntime().availableProcessors();
        // Sign-ins also wait on PostgreSQL and the network; twice as many clients as cores keeps the
        // cores busy, as real traffic would. More threads cannot speed up raw hashing.
        int clients = 2 * threads;
        List<Account> accounts = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            accounts.add(patients.patientWithAccount("clinic"));
        }
        String storedHash = jdbc.sql("SELECT password_hash FROM account WHERE id = ?").param(accounts.getFirst().id().value())
                .query(String.class).single();
        var parameters = storedHash.substring(0, storedHash.indexOf('$', storedHash.indexOf("m=")));
        var encoder = new Argon2PasswordEncoder(16, 32, 1, 19_456, 2);

        Runnable raw = () -> {
            if (!encoder.matches(TestPatients.PASSWORD, storedHash)) {
                throw new IllegalStateException("the stored hash must match");
            }
        };
        List<FormSession> browsers = new ArrayList<>();
        for (Account account : accounts) {
            var browser = new FormSession(port);
            browser.get("/clinic/sign-in");
            browsers.add(browser);
        }
        List<Runnable> signIns = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            var browser = browsers.get(i);
            var account = accounts.get(i);
            signIns.add(() -> {
                try {
                    var answer = browser.post("/clinic/sign-in", "username", account.username(), "password", TestPatients.PASSWORD);
                    // A refused form (an expired CSRF token, a throttle) also answers 302, elsewhere.
                    if (answer.statusCode() != 302 || !"/clinic/home?signed-in".equals(FormSession.location(answer))) {
                        throw new IllegalStateException("sign-in answered " + answer.statusCode() + " to "
                                + FormSession.location(answer));
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }

        rate(List.of(raw), threads, WARM_UP);
        rate(signIns, clients, WARM_UP);
        double rawRate = 0;
        double signInRate = 0;
        for (int round = 0; round < 2; round++) {
            rawRate += rate(List.of(raw), threads, ROUND) / 2;
            signInRate += rate(signIns, clients, ROUND) / 2;
        }
        double ratio = signInRate / rawRate;
        String report = """
                Password sign-ins against raw Argon2id (%s), %d cores, %d sign-in clients, 2 rounds of %d s each
                raw Argon2id checks per second:  %.2f
                password sign-ins per second:    %.2f   (POST /clinic/sign-in answered 302 to the home page)
                ratio:                           %.3f
                """.formatted(parameters, threads, clients, ROUND.toSeconds(), rawRate, signInRate, ratio);
        System.out.println(report);
        Files.createDirectories(Path.of("target", "bench"));
        Files.writeString(Path.of("target", "bench", "sign-in-throughput.txt"), report);
        assertThat(signInRate).isPositive();
    }

    /** Runs the tasks on {@code threads} threads (task i on thread i, round-robin) for a while; calls per second. */
    private static double rate(List<Runnable> tasks, int threads, Duration duration) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong done = new AtomicLong();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> workers = new ArrayList<>();
            long start = System.nanoTime();
            long cpuStart = cpuNanos();
            for (int t = 0; t < threads; t++) {
                Runnable task = tasks.get(t % tasks.size());
                workers.add(pool.submit(() -> {
                    while (running.get()) {
                        task.run();
                        done.incrementAndGet();
                    }
                }));
            }
            Thread.sleep(duration);
            running.set(false);
            for (Future<?> worker : workers) {
                worker.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("%d calls in %.1f s, JVM CPU %.0f%%, %.1f CPU ms per call%n", done.get(), seconds,
                    100 * (cpuNanos() - cpuStart) / 1e9 / seconds, (cpuNanos() - cpuStart) / 1e6 / done.get());
            return done.get() / seconds;
        }
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
