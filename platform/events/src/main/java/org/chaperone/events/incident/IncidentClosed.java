package org.chaperone.events.incident;

import java.time.Instant;
import java.util.UUID;

/** The concern was closed with an outcome; the rationale stays on the chronology. */
public record IncidentClosed(UUID incidentId, String schoolId, IncidentOutcome outcome, String closedBy,
        Instant closedAt) {
}
