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
                    // A refused form (an expired CSRF token, a throttle) also answers 302, elsewhere. The
                    // loop guard's marker comes only on the first sign-in of a browser session.
                    String home = FormSession.location(answer).replaceFirst("\\?signed-in$", "");
                    if (answer.statusCode() != 302 || !"/clinic/home".equals(home)) {
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

        // The floor: what any request costs here (this client, Tomcat, the security filters, the
        // session lookup), shown so the sign-in's own share can be read off the figures.
        List<Runnable> staticFile = browsers.stream().<Runnable>map(browser -> () -> {
            try {
                if (browser.get("/js/print.js").statusCode() != 200) {
                    throw new IllegalStateException("the static file did not answer 200");
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }).toList();

        rate(List.of(raw), threads, WARM_UP);
        rate(signIns, clients, WARM_UP);
        rate(staticFile, clients, WARM_UP);
        Rate rawRate = Rate.NONE;
        Rate signInRate = Rate.NONE;
        Rate floorRate = Rate.NONE;
        for (int round = 0; round < 2; round++) {
            rawRate = rawRate.plusHalf(rate(List.of(raw), threads, ROUND));
            signInRate = signInRate.plusHalf(rate(signIns, clients, ROUND));
            floorRate = floorRate.plusHalf(rate(staticFile, clients, ROUND));
        }
        double ratio = signInRate.perSecond() / rawRate.perSecond();
        String report = """
                Password sign-ins against raw Argon2id (%s), %d cores, %d sign-in clients, 2 rounds of %d s each
                raw Argon2id checks per second:  %7.2f   (%5.1f ms of JVM CPU each)
                password sign-ins per second:    %7.2f   (%5.1f ms of JVM CPU each; POST /clinic/sign-in answered 302 to the home page)
                ratio:                           %7.3f
                floor, a static file:            %7.2f   (%5.1f ms of JVM CPU each; GET /js/print.js, same clients and sessions)
                """.formatted(parameters, threads, clients, ROUND.toSeconds(), rawRate.perSecond(), rawRate.cpuMillis(),
                signInRate.perSecond(), signInRate.cpuMillis(), ratio, floorRate.perSecond(), floorRate.cpuMillis());
        System.out.println(report);
        Files.createDirectories(Path.of("target", "bench"));
        Files.writeString(Path.of("target", "bench", "sign-in-throughput.txt"), report);
        assertThat(signInRate.perSecond()).isPositive();
    }

    /** Calls per second, and the JVM's CPU time per call (all threads: server, client, collector). */
    private record Rate(double perSecond, double cpuMillis) {

        static final Rate NONE = new Rate(0, 0);

        Rate plusHalf(Rate other) {
            return new Rate(perSecond + other.perSecond / 2, cpuMillis + other.cpuMillis / 2);
        }
    }

    /** Runs the tasks on {@code threads} threads (task i on thread i, round-robin) for a while. */
    private static Rate rate(List<Runnable> tasks, int threads, Duration duration) throws Exception {
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
            double cpuMillis = (cpuNanos() - cpuStart) / 1e6 / done.get();
            System.out.printf("%d calls in %.1f s, JVM CPU %.0f%%, %.1f CPU ms per call%n", done.get(), seconds,
                    cpuMillis * done.get() / 10 / seconds, cpuMillis);
            return new Rate(done.get() / seconds, cpuMillis);
        }
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
