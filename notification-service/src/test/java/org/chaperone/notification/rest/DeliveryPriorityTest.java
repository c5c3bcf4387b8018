package org.chaperone.notification.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.chaperone.notification.domain.Channel;
import org.chaperone.notification.domain.Delivery;
import org.chaperone.notification.domain.Delivery.Message;
import org.chaperone.notification.domain.MessageKind;
import org.chaperone.notification.domain.Recipient;
import org.chaperone.notification.repository.DeliveryRepository;
import org.chaperone.runtime.security.SchoolScope;
import org.junit.jupiter.api.Test;

/**
 * A DSL alert planned behind a burst of invites is taken first: the sender claims safeguarding messages before
 * everything else that is due, however long the rest has waited. (Rows due in an hour, so that the running sender
 * leaves them to this test.)
 */
@QuarkusTest
class DeliveryPriorityTest {

    @Inject
    DeliveryRepository deliveries;

    @Test
    void safeguardingMessagesAreClaimedBeforeEarlierInvites() {
        String school = "prio-" + UUID.randomUUID().toString().substring(0, 8);
        Instant later = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS);
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < 30; i++) {
                deliveries.insertIfAbsent(Delivery.pending(message(school, MessageKind.INVITE), guardian(),
                        Channel.EMAIL, later.plusMillis(i)));
            }
            deliveries.insertIfAbsent(Delivery.pending(message(school, MessageKind.INCIDENT_ALERT),
                    Recipient.staff("dsl"), Channel.EMAIL, later.plusSeconds(60)));
            deliveries.insertIfAbsent(Delivery.pending(message(school, MessageKind.INVITE), guardian(),
                    Channel.EMAIL, later.plusSeconds(61)));
        });

        List<Delivery> claimed = QuarkusTransaction.requiringNew().call(() -> deliveries
                .lockDue(later.plusSeconds(120), 3, SchoolScope.of(school)));
        assertThat(claimed).extracting(Delivery::kind)
                .containsExactly(MessageKind.INCIDENT_ALERT, MessageKind.INVITE, MessageKind.INVITE);
        assertThat(claimed.subList(1, 3)).as("then the rest, oldest first").extracting(Delivery::nextAttemptAt)
                .containsExactly(later, later.plusMillis(1));
    }

    private static Message message(String school, MessageKind kind) {
        return new Message(school, UUID.randomUUID().toString(), "org.chaperone.test.v1", kind,
                UUID.randomUUID().toString(), "{}", null);
    }

    private static Recipient guardian() {
        return Recipient.guardian(UUID.randomUUID());
    }
}
