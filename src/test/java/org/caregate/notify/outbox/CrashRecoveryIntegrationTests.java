package org.caregate.notify.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.caregate.notify.OutgoingMessage;
import org.junit.jupiter.api.Test;

/**
 * Nodes die and run side by side: the lease brings back a dead node's messages, the claim token
 * keeps a late node from overwriting the outcome, and {@code SKIP LOCKED} keeps claims apart.
 * "Node A" is the claim step run by hand and then abandoned; the worker bean is node B.
 */
class CrashRecoveryIntegrationTests extends SmtpIntegrationTestSupport {

    static final Duration LEASE = Duration.ofMinutes(2);
    static final OutgoingMessage MESSAGE =
            OutgoingMessage.email("pat.doe@example.org", "Your sign-in code", "Your code is 482913.");

    @Test
    void messageClaimedByANodeThatDiedIsSentByAnotherOnlyAfterTheLeaseRunsOut() {
        long id = notifications.queue(MESSAGE);
        List<ClaimedMessage> claimedByA = outbox.claim("node-a", clock.instant(), LEASE, 10);
        assertThat(claimedByA).extracting(ClaimedMessage::id).containsExactly(id);

        assertThat(worker.deliverDue()).isZero();
        clock.advance(LEASE.minusSeconds(1));
        assertThat(worker.deliverDue()).as("node A's lease still holds").isZero();
        assertThat(smtp.getReceivedMessages()).isEmpty();

        clock.advance(Duration.ofSeconds(2));
        assertThat(worker.deliverDue()).isEqualTo(1);
        assertThat(worker.deliverDue()).isZero();
        clock.advance(Duration.ofHours(1));
        assertThat(worker.deliverDue()).isZero();

        assertThat(smtp.getReceivedMessages()).hasSize(1);
        assertThat(row(id).status()).isEqualTo("SENT");
        assertThat(row(id).claimedBy()).isEqualTo("node-b");
        assertThat(row(id).attempts()).as("node A's attempt counts").isEqualTo(2);
    }

    @Test
    void lateOutcomeFromANodeWhoseLeaseRanOutChangesNothing() {
        long id = notifications.queue(MESSAGE);
        ClaimedMessage claimedByA = outbox.claim("node-a", clock.instant(), LEASE, 10).getFirst();
        clock.advance(LEASE.plusSeconds(1));
        ClaimedMessage claimedByB = outbox.claim("node-b", clock.instant(), LEASE, 10).getFirst();

        assertThat(outbox.markSent(claimedByA, clock.instant())).isFalse();
        assertThat(outbox.retryLater(claimedByA, clock.instant(), "late")).isFalse();
        assertThat(outbox.markFailed(claimedByA, "late")).isFalse();
        assertThat(outbox.release(claimedByA)).isFalse();
        assertThat(row(id).status()).isEqualTo("SENDING");
        assertThat(row(id).claimedBy()).isEqualTo("node-b");
        assertThat(row(id).body()).isEqualTo("Your code is 482913.");

        assertThat(outbox.markSent(claimedByB, clock.instant())).isTrue();
        var sentAt = clock.instant();
        clock.advance(Duration.ofMinutes(5));
        assertThat(outbox.markFailed(claimedByA, "late")).isFalse();
        assertThat(row(id).status()).isEqualTo("SENT");
        assertThat(row(id).sentAt()).isEqualTo(sentAt);
        assertThat(row(id).lastError()).isNull();
    }

    @Test
    void nodesClaimingAtTheSameTimeGetDisjointMessages() throws Exception {
        Set<Long> queued = new HashSet<>();
        for (int i = 0; i < 60; i++) {
            queued.add(notifications.queue(OutgoingMessage.text("+1507555%04d".formatted(i), "Message " + i)));
        }
        var start = new CyclicBarrier(2);
        List<Future<List<Long>>> nodes = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            for (String node : List.of("node-1", "node-2")) {
                nodes.add(threads.submit(() -> {
                    start.await();
                    List<Long> mine = new ArrayList<>();
                    // Bounded, so a claim that handed out rows twice fails the test instead of hanging it.
                    for (int claims = 0; claims < queued.size(); claims++) {
                        List<ClaimedMessage> batch = outbox.claim(node, clock.instant(), LEASE, 5);
                        if (batch.isEmpty()) {
                            break;
                        }
                        batch.forEach(message -> mine.add(message.id()));
                    }
                    return mine;
                }));
            }
        }
        List<Long> first = nodes.get(0).get();
        List<Long> second = nodes.get(1).get();

        assertThat(first).doesNotHaveDuplicates().doesNotContainAnyElementsOf(second);
        assertThat(second).doesNotHaveDuplicates();
        var all = new HashSet<>(first);
        all.addAll(second);
        assertThat(all).isEqualTo(queued);
        assertThat(first).allSatisfy(id -> assertThat(row(id).claimedBy()).isEqualTo("node-1"));
        assertThat(second).allSatisfy(id -> assertThat(row(id).claimedBy()).isEqualTo("node-2"));
    }
}
