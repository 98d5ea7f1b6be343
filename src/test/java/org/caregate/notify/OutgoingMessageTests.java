package org.caregate.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class OutgoingMessageTests {

    @Test
    void emailWithALineBreakInItsSubjectIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() ->
                OutgoingMessage.email("pat.doe@example.org", "Code\r\nBcc: someone@example.net", "482913"));
    }

    @Test
    void emailWithALineBreakInItsAddressIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() ->
                OutgoingMessage.email("pat.doe@example.org\nBcc: someone@example.net", "Code", "482913"));
    }

    @Test
    void textToSomethingOtherThanAnE164NumberIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> OutgoingMessage.text("507-555-0123", "482913"));
        assertThatIllegalArgumentException().isThrownBy(() -> OutgoingMessage.call("pat.doe@example.org", "482913"));
    }

    @Test
    void emailNeedsASubjectAndTextsHaveNone() {
        assertThatIllegalArgumentException().isThrownBy(() -> OutgoingMessage.email("pat.doe@example.org", " ", "482913"));
        assertThatIllegalArgumentException().isThrownBy(() ->
                new OutgoingMessage(Channel.SMS, "+15075550123", "Subject", "482913"));
    }

    @Test
    void emptyMessageIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> OutgoingMessage.text("+15075550123", "  "));
    }

    @Test
    void refusalNeverQuotesTheAddressOrText() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> OutgoingMessage.text("+1 507 555 0123", "Your code is 482913."))
                .withMessageNotContaining("555")
                .withMessageNotContaining("482913");
    }

    @Test
    void validMessagesAreAccepted() {
        assertThat(OutgoingMessage.call("+15075550123", "Your code is 4 8 2 9 1 3.").channel()).isEqualTo(Channel.VOICE);
        assertThat(OutgoingMessage.email("pat.doe@example.org", "Your code", "482913").subject()).isEqualTo("Your code");
    }
}
