package org.chaperone.notification.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.chaperone.events.EventTypes;
import org.chaperone.events.scheduling.InviteDispatched;
import org.chaperone.notification.TestMail;
import org.chaperone.notification.domain.DeliveryChannel.RenderedMessage;
import org.chaperone.notification.service.EmailChannel;
import org.junit.jupiter.api.Test;

/**
 * Each e-mail's Message-ID is its delivery's, on every attempt: a message sent again after a sender was killed
 * between the SMTP server's acceptance and recording it is the same message to the recipient's mail system, and the
 * end-to-end crash test tells such a repeat from a second alert by it.
 */
@QuarkusTest
class EmailMessageIdTest {

    static final NotificationFixture ELM = new NotificationFixture("elm");

    @Inject
    EmailChannel email;
    @Inject
    EntityManager entityManager;

    @Test
    void aDeliveredEmailCarriesItsDeliverysIdAsMessageId() {
        UUID guardian = UUID.randomUUID();
        String address = ELM.guardianEmail(guardian);
        UUID session = UUID.randomUUID();
        Instant start = Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        String eventId = ELM.send(EventTypes.INVITE_DISPATCHED, session.toString(), new InviteDispatched(
                UUID.randomUUID(), session, ELM.school, UUID.randomUUID(), List.of(guardian),
                "https://meet.chaperone.local/j/" + UUID.randomUUID(), "Pc12345678", start,
                start.plus(45, ChronoUnit.MINUTES), List.of("t-1", "t-2"), false, Instant.now()));

        List<TestMail.Received> received = TestMail.awaitInbox(address, 1, Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(30)).until(() -> deliveryIds(eventId).size() == 1);
        assertThat(received.get(0).messageId()).isEqualTo("<" + deliveryIds(eventId).get(0)
                + "@chaperone.notification>");
    }

    @Test
    void sendingTheSameDeliveryAgainSendsTheSameMessageId() {
        UUID delivery = UUID.randomUUID();
        String address = "repeat-" + delivery + "@elm.example";
        RenderedMessage message = new RenderedMessage("Subject", "Text", null, "Short");
        email.send(delivery, address, message);
        email.send(delivery, address, message);
        email.send(UUID.randomUUID(), address, message);

        List<String> ids = TestMail.awaitInbox(address, 3, Duration.ofSeconds(30)).stream()
                .map(TestMail.Received::messageId).toList();
        assertThat(ids).hasSize(3);
        assertThat(ids.get(0)).isEqualTo(EmailChannel.messageId(delivery)).isEqualTo(ids.get(1));
        assertThat(ids.get(2)).isNotEqualTo(ids.get(0)).endsWith("@chaperone.notification>");
    }

    @Transactional
    List<String> deliveryIds(String eventId) {
        @SuppressWarnings("unchecked")
        List<Object> ids = entityManager.createNativeQuery("select id from delivery where event_id = ?1")
                .setParameter(1, eventId).getResultList();
        return ids.stream().map(String::valueOf).toList();
    }
}
