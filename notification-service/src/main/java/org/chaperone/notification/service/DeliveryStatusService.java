package org.chaperone.notification.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.chaperone.notification.domain.Channel;
import org.chaperone.notification.domain.Delivery;
import org.chaperone.notification.domain.DeliveryStatus;
import org.chaperone.notification.domain.MessageKind;
import org.chaperone.notification.domain.RecipientType;
import org.chaperone.notification.repository.DeliveryRepository;
import org.chaperone.runtime.security.Caller;

/** What a school may see of its deliveries: ids, kinds and outcomes; never an address or a message's content. */
@ApplicationScoped
public class DeliveryStatusService {

    @Inject
    DeliveryRepository deliveries;
    @Inject
    Caller caller;

    @Transactional
    public List<DeliveryRecord> forSchool(String schoolId, String eventId, DeliveryStatus status, int limit) {
        caller.requireSchool(schoolId, "school");
        return deliveries.forSchool(schoolId, eventId, status, limit, caller.scope()).stream()
                .map(DeliveryStatusService::record).toList();
    }

    private static DeliveryRecord record(Delivery d) {
        return new DeliveryRecord(d.id(), d.schoolId(), d.eventId(), d.eventType(), d.kind(), d.subjectId(),
                d.recipient().type(), d.recipient().id(), d.channel(), d.status(), d.attempts(), d.lastError(),
                d.nextAttemptAt(), d.createdAt(), d.sentAt());
    }

    /** A delivery as the API shows it. */
    public record DeliveryRecord(UUID id, String schoolId, String eventId, String eventType, MessageKind kind,
            String subjectId, RecipientType recipientType, String recipientId, Channel channel, DeliveryStatus status,
            int attempts, String lastError, Instant nextAttemptAt, Instant createdAt, Instant sentAt) {
    }
}
