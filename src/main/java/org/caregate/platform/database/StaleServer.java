package org.caregate.platform.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A portal killed without a chance to shut down leaves its PostgreSQL server running on the data
 * directory, and a new server refuses to start there. Stop that orphan first (a clean shutdown:
 * committed data is safe) so a restart after a crash just works.
 */
final class StaleServer {

    private static final Logger log = LoggerFactory.getLogger(StaleServer.class);
    private static final Duration WAIT = Duration.ofSeconds(30);

    private StaleServer() {}

    static void stopIfRunning(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        long pid;
        try (var lines = Files.lines(pidFile)) {
            pid = lines.findFirst().map(String::trim).map(Long::parseLong).orElse(-1L);
        } catch (NumberFormatException e) {
            return;
        }
        var server = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
        if (server.isEmpty()) {
            return; // PostgreSQL itself ignores a pid file whose process is gone
        }
        log.warn("An earlier embedded PostgreSQL (pid {}) is still running on {}; stopping it", pid, dataDirectory);
        try {
            // SIGTERM: PostgreSQL's "smart" shutdown, immediate here as its only client died with the portal.
            server.get().destroy();
            server.get().onExit().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while stopping the earlier embedded PostgreSQL", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("The earlier embedded PostgreSQL (pid " + pid + ") did not stop within "
                    + WAIT.toSeconds() + " s; stop it and start again", e);
        }
    }
}
