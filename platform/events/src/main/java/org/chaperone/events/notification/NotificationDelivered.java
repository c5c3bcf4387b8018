package org.chaperone.events.notification;

import java.time.Instant;
import java.util.UUID;

/**
 * A message was accepted by its provider (the SMTP server, the SMS or push gateway). Ids only: never an address,
 * never the message. {@code causedBy} is the id of the event that called for it.
 */
public record NotificationDelivered(UUID deliveryId, String schoolId, String causedBy, NotificationKind kind,
        String subjectId, RecipientType recipientType, String recipientId, NotificationChannel channel, int attempts,
        Instant deliveredAt) {
}
