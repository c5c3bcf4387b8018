package org.chaperone.events.scheduling;

import java.time.Instant;
import java.util.UUID;

/** A one-to-one session waits for the Headteacher's or a deputy's approval (R3). */
public record SessionApprovalRequested(UUID sessionId, String schoolId, Instant startsAt, Instant endsAt,
        String requestedBy, Instant requestedAt) {
}
