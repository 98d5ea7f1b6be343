package org.caregate.notify.email;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import org.caregate.notify.Channel;
import org.caregate.notify.spi.Delivery;
import org.caregate.notify.spi.Gateway;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends e-mail through the operator's SMTP server ({@code spring.mail.*}); present only when
 * {@code spring.mail.host} is set. Without it the demo keeps e-mail in the dev outbox.
 *
 * <p>Every attempt for one outbox row carries the same Message-ID, {@code <outbox-ID@domain>} with
 * the sender's domain, so the one resend a crash can cause is recognisable as a duplicate.
 */
@Component
@ConditionalOnProperty("spring.mail.host")
class SmtpEmailGateway implements Gateway {

    private final JavaMailSender mail;
    private final InternetAddress from;
    private final String domain;
    private final Clock clock;

    SmtpEmailGateway(JavaMailSender mail, EmailSettings settings, Clock clock) {
        this.mail = mail;
        this.clock = clock;
        try {
            this.from = new InternetAddress(settings.from(), true);
        } catch (AddressException e) {
            throw new IllegalArgumentException("caregate.notify.email.from is not an e-mail address", e);
        }
        this.domain = from.getAddress().substring(from.getAddress().indexOf('@') + 1);
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public void send(Delivery delivery) {
        mail.send(mimeMessage -> {
            var message = new MimeMessageHelper(mimeMessage, StandardCharsets.UTF_8.name());
            message.setFrom(from);
            message.setTo(delivery.to());
            message.setSubject(delivery.subject() == null ? "" : delivery.subject());
            message.setText(delivery.body());
            message.setSentDate(Date.from(clock.instant()));
            // JavaMailSender keeps a Message-ID that is already set instead of generating one.
            mimeMessage.setHeader("Message-ID", messageId(delivery.outboxId()));
        });
    }

    String messageId(long outboxId) {
        return "<outbox-" + outboxId + "@" + domain + ">";
    }
}
