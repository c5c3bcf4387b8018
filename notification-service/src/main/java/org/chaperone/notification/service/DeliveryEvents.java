package org.chaperone.notification.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import org.chaperone.events.EventTypes;
import org.chaperone.events.notification.FailureKind;
import org.chaperone.events.notification.NotificationChannel;
import org.chaperone.events.notification.NotificationDelivered;
import org.chaperone.events.notification.NotificationFailed;
import org.chaperone.events.notification.NotificationKind;
import org.chaperone.events.notification.RecipientType;
import org.chaperone.notification.domain.Delivery;
import org.chaperone.runtime.outbox.OutboxWriter;

/**
 * Announces each delivery's outcome on {@code chaperone.notification.v1} through the outbox, in the transaction that
 * records it: ids, kind and channel only, never an address, a message or a provider's error text.
 */
@ApplicationScoped
public class DeliveryEvents {

    @Inject
    OutboxWriter outbox;

    @Transactional(Transactional.TxType.MANDATORY)
    public void delivered(Delivery delivery, Instant at) {
        outbox.append(EventTypes.NOTIFICATION_DELIVERED, delivery.id(), delivery.schoolId(),
                new NotificationDelivered(delivery.id(), delivery.schoolId(), delivery.eventId(),
                        NotificationKind.valueOf(delivery.kind().name()), delivery.subjectId(),
                        RecipientType.valueOf(delivery.recipient().type().name()), delivery.recipient().id(),
                        NotificationChannel.valueOf(delivery.channel().name()), delivery.attempts(), at));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void failed(Delivery delivery, FailureKind reason, Instant at) {
        outbox.append(EventTypes.NOTIFICATION_FAILED, delivery.id(), delivery.schoolId(),
                new NotificationFailed(delivery.id(), delivery.schoolId(), delivery.eventId(),
                        NotificationKind.valueOf(delivery.kind().name()), delivery.subjectId(),
                        RecipientType.valueOf(delivery.recipient().type().name()), delivery.recipient().id(),
                        NotificationChannel.valueOf(delivery.channel().name()), delivery.attempts(), reason, at));
    }
}
