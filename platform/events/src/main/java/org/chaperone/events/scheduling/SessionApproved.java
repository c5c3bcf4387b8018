package org.chaperone.events.scheduling;

import java.time.Instant;
import java.util.UUID;

/** The Headteacher or a deputy approved a one-to-one session (R3). */
public record SessionApproved(UUID sessionId, String schoolId, String approvedBy, Instant approvedAt) {
}
