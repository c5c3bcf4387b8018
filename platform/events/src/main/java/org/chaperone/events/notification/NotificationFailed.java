package org.chaperone.events.notification;

import java.time.Instant;
import java.util.UUID;

/**
 * A message was given up: its recipient has no address for it, or its last attempt failed (a dead letter).
 * Ids only: never an address, never the provider's error text (which may quote one).
 */
public record NotificationFailed(UUID deliveryId, String schoolId, String causedBy, NotificationKind kind,
        String subjectId, RecipientType recipientType, String recipientId, NotificationChannel channel, int attempts,
        FailureKind reason, Instant failedAt) {
}
