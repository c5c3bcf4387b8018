package org.chaperone.events.scheduling;

import java.time.Instant;
import java.util.UUID;

/** The Headteacher or a deputy declined a one-to-one session; the reason stays in scheduling-service. */
public record SessionDeclined(UUID sessionId, String schoolId, String declinedBy, Instant declinedAt) {
}
