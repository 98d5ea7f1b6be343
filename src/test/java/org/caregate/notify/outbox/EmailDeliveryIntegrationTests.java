package org.caregate.notify.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.caregate.notify.OutgoingMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@ExtendWith(OutputCaptureExtension.class)
class EmailDeliveryIntegrationTests extends SmtpIntegrationTestSupport {

    static final OutgoingMessage SIGN_IN_CODE =
            OutgoingMessage.email("pat.doe@example.org", "Your sign-in code", "Your code is 482913.");

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    MeterRegistry meters;

    @Test
    void queuedEmailArrivesOnceFromThePortalWithAMessageIdFromItsOutboxId() throws Exception {
        long id = notifications.queue(SIGN_IN_CODE);

        assertThat(worker.deliverDue()).isEqualTo(1);
        assertThat(worker.deliverDue()).isZero();

        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(1);
        MimeMessage mail = received[0];
        assertThat(((InternetAddress) mail.getFrom()[0]).getAddress()).isEqualTo("portal@caregate.test");
        assertThat(((InternetAddress) mail.getFrom()[0]).getPersonal()).isEqualTo("Riverbend Clinic");
        assertThat(mail.getAllRecipients()).extracting(Object::toString).containsExactly("pat.doe@example.org");
        assertThat(mail.getMessageID()).isEqualTo("<outbox-" + id + "@caregate.test>");
        assertThat(mail.getSubject()).isEqualTo("Your sign-in code");
        assertThat(((String) mail.getContent()).trim()).isEqualTo("Your code is 482913.");
    }

    @Test
    void sentMessageKeepsNoBodyAtRest() {
        long id = notifications.queue(SIGN_IN_CODE);

        worker.deliverDue();

        Row row = row(id);
        assertThat(row.status()).isEqualTo("SENT");
        assertThat(row.body()).isEmpty();
        assertThat(row.sentAt()).isEqualTo(clock.instant());
        assertThat(row.claimedBy()).isEqualTo("node-b");
    }

    @Test
    void failedSendIsRetriedWithGrowingBackOffAndThenSentOnce() throws Exception {
        smtp.stop();
        long id = notifications.queue(SIGN_IN_CODE);
        Instant queuedAt = clock.instant();

        worker.deliverDue();
        Row afterFirst = row(id);
        assertThat(afterFirst.status()).isEqualTo("PENDING");
        assertThat(afterFirst.attempts()).isEqualTo(1);
        assertThat(afterFirst.nextAttemptAt()).isEqualTo(queuedAt.plusSeconds(30));
        assertThat(afterFirst.lastError()).isNotBlank().doesNotContain("pat.doe", "482913");
        assertThat(afterFirst.body()).isEqualTo("Your code is 482913.");

        clock.advance(Duration.ofSeconds(29));
        assertThat(worker.deliverDue()).as("not due before its back-off ends").isZero();

        Instant secondAttempt = clock.advance(Duration.ofSeconds(1));
        assertThat(worker.deliverDue()).isEqualTo(1);
        assertThat(row(id).attempts()).isEqualTo(2);
        assertThat(row(id).nextAttemptAt()).as("the wait doubles").isEqualTo(secondAttempt.plusSeconds(60));

        smtp.start();
        clock.advance(Duration.ofSeconds(60));
        assertThat(worker.deliverDue()).isEqualTo(1);
        assertThat(worker.deliverDue()).isZero();

        assertThat(smtp.getReceivedMessages()).hasSize(1);
        assertThat(row(id).status()).isEqualTo("SENT");
        assertThat(row(id).attempts()).isEqualTo(3);
        assertThat(row(id).lastError()).isNull();
    }

    @Test
    void messageIsGivenUpAsFailedAfterItsLastAttempt() {
        smtp.stop();
        long id = notifications.queue(SIGN_IN_CODE);

        worker.deliverDue();
        clock.advance(Duration.ofSeconds(30));
        worker.deliverDue();
        clock.advance(Duration.ofSeconds(60));
        worker.deliverDue();

        Row row = row(id);
        assertThat(row.status()).isEqualTo("FAILED");
        assertThat(row.attempts()).isEqualTo(3);
        assertThat(row.lastError()).isNotBlank();
        assertThat(row.body()).as("nothing will send it again").isEmpty();

        smtp.start();
        clock.advance(Duration.ofDays(1));
        assertThat(worker.deliverDue()).isZero();
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void messageQueuedInATransactionThatRollsBackIsNeverSent() {
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            notifications.queue(SIGN_IN_CODE);
            status.setRollbackOnly();
        });

        assertThat(worker.deliverDue()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM notify_outbox").query(Integer.class).single()).isZero();
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void messageQueuedInATransactionIsSentOnceItCommits() {
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            notifications.queue(SIGN_IN_CODE);
            // The worker runs on its own thread, outside this transaction.
            assertThat(CompletableFuture.supplyAsync(worker::deliverDue).join())
                    .as("invisible to the worker until commit").isZero();
        });

        assertThat(worker.deliverDue()).isEqualTo(1);
        assertThat(smtp.getReceivedMessages()).hasSize(1);
    }

    @Test
    void everyDeliveredMessageAlsoLandsInTheDevOutbox() {
        long email = notifications.queue(SIGN_IN_CODE);
        long text = notifications.queue(OutgoingMessage.text("+15075550123", "Your code is 482913."));

        worker.deliverDue();

        assertThat(smtp.getReceivedMessages()).hasSize(1);
        assertThat(row(email).status()).isEqualTo("SENT");
        assertThat(row(text).status()).as("no text gateway yet: the dev outbox is the delivery").isEqualTo("SENT");
        assertThat(devOutboxEntries()).isEqualTo(2);
    }

    @Test
    void outcomesAreCountedPerChannel() {
        double sentBefore = count("email", "sent");
        double retriedBefore = count("email", "retried");

        smtp.stop();
        notifications.queue(SIGN_IN_CODE);
        worker.deliverDue();
        smtp.start();
        clock.advance(Duration.ofSeconds(30));
        worker.deliverDue();

        assertThat(count("email", "retried")).isEqualTo(retriedBefore + 1);
        assertThat(count("email", "sent")).isEqualTo(sentBefore + 1);
    }

    @Test
    void logsNameNoRecipientSubjectOrBody(CapturedOutput output) {
        smtp.stop();
        long id = notifications.queue(SIGN_IN_CODE);
        worker.deliverDue();
        smtp.start();
        clock.advance(Duration.ofSeconds(30));
        worker.deliverDue();

        // The portal's own log lines: the test SMTP server logs the mailboxes it creates.
        String portalLog = output.getAll().lines()
                .filter(line -> !line.contains("\"logger\":\"com.icegreen"))
                .collect(Collectors.joining("\n"));
        assertThat(portalLog).contains("Outbox message " + id)
                .doesNotContain("pat.doe", "example.org", "sign-in code", "482913");
    }

    private double count(String channel, String outcome) {
        var counter = meters.find("caregate.notify.messages").tags("channel", channel, "outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }
}
