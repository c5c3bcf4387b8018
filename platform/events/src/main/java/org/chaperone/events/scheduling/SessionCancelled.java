package org.chaperone.events.scheduling;

import java.time.Instant;
import java.util.UUID;

/** A session was cancelled; its invites were revoked. */
public record SessionCancelled(UUID sessionId, String schoolId, String cancelledBy, Instant cancelledAt) {
}
