package org.chaperone.events.scheduling;

import java.time.Instant;
import java.util.UUID;

/** A security breach ended a live session for everyone (R13); the DSL is told. */
public record SessionTerminated(UUID sessionId, String schoolId, UUID incidentId, Instant terminatedAt) {
}
