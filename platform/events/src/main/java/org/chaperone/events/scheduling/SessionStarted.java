package org.chaperone.events.scheduling;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The hosts started the session; who of the staff was present (R11). */
public record SessionStarted(UUID sessionId, String schoolId, Instant startedAt, List<String> staffPresentIds) {
}
