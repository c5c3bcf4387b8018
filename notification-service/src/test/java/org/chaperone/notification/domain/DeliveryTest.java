package org.chaperone.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.chaperone.notification.domain.Delivery.Message;
import org.junit.jupiter.api.Test;

class DeliveryTest {

    static final Message INVITE = new Message("oak", "event-1", "org.chaperone.scheduling.invite-dispatched.v1",
            MessageKind.INVITE, "invite-1", "{}", "sealed");
    static final RetrySchedule RETRIES = new RetrySchedule(3, Duration.ofSeconds(10), Duration.ofMinutes(5));
    static final Instant NOW = Instant.parse("2026-03-10T10:00:00Z");

    @Test
    void aSentDeliveryForgetsItsSecrets() {
        Delivery delivery = Delivery.pending(INVITE, Recipient.guardian("g-1"), Channel.EMAIL, NOW);
        assertThat(delivery.sealedSecrets()).isEqualTo("sealed");
        delivery.claim(Duration.ofMinutes(2), NOW);
        assertThat(delivery.attempts()).isEqualTo(1);
        assertThat(delivery.nextAttemptAt()).isEqualTo(NOW.plus(Duration.ofMinutes(2)));
        delivery.sent(NOW.plusSeconds(1));
        assertThat(delivery.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(delivery.sealedSecrets()).isNull();
        assertThat(delivery.sentAt()).isEqualTo(NOW.plusSeconds(1));
        assertThatThrownBy(() -> delivery.claim(Duration.ofMinutes(2), NOW)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void failedAttemptsBackOffThenTheDeliveryIsDeadAndForgetsItsSecrets() {
        Delivery delivery = Delivery.pending(INVITE, Recipient.guardian("g-1"), Channel.EMAIL, NOW);
        Random random = new Random(1);
        for (int attempt = 1; attempt <= 2; attempt++) {
            delivery.claim(Duration.ofMinutes(2), NOW);
            assertThat(delivery.attemptFailed("connection refused", RETRIES, NOW, random)).isFalse();
            assertThat(delivery.status()).isEqualTo(DeliveryStatus.PENDING);
            assertThat(delivery.nextAttemptAt()).isAfter(NOW);
        }
        delivery.claim(Duration.ofMinutes(2), NOW);
        assertThat(delivery.attemptFailed("connection refused", RETRIES, NOW, random)).isTrue();
        assertThat(delivery.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(delivery.attempts()).isEqualTo(3);
        assertThat(delivery.nextAttemptAt()).isNull();
        assertThat(delivery.sealedSecrets()).isNull();
        assertThat(delivery.lastError()).isEqualTo("connection refused");
    }

    @Test
    void anUnreachableRecipientIsFailedAtOnceWithoutAnAttempt() {
        Delivery delivery = Delivery.unreachable(INVITE, Recipient.guardian("g-2"), Channel.EMAIL,
                "No contact point for this person", NOW);
        assertThat(delivery.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(delivery.attempts()).isZero();
        assertThat(delivery.sealedSecrets()).isNull();
    }

    @Test
    void errorsAreKeptWithoutAddressesOrNumbersAndBounded() {
        for (String error : List.of("550 5.1.1 <mum.smith@example.org>: Recipient address rejected",
                "mailbox mum@example.org full", "SMS to +44 7700 900123 refused", "number 07700900123 invalid")) {
            assertThat(Delivery.redact(error)).doesNotContain("mum", "7700", "900123");
        }
        assertThat(Delivery.redact("x".repeat(2000))).hasSize(500);
        assertThat(Delivery.redact("SMTP: ConnectException: Connection refused"))
                .isEqualTo("SMTP: ConnectException: Connection refused");
    }

    @Test
    void aRecipientHasAnId() {
        assertThatThrownBy(() -> Recipient.staff(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThat(RecipientType.of(PersonType.GUARDIAN)).isEqualTo(RecipientType.GUARDIAN);
        assertThatThrownBy(() -> RecipientType.UNFILLED_ROLE.personType()).isInstanceOf(IllegalStateException.class);
    }
}
