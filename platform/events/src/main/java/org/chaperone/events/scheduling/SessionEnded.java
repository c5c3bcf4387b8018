package org.chaperone.events.scheduling;

import java.time.Instant;
import java.util.UUID;

/** The hosts ended the session (R11). */
public record SessionEnded(UUID sessionId, String schoolId, Instant endedAt) {
}
