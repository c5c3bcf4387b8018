package org.chaperone.events.incident;

import java.time.Instant;
import java.util.UUID;

/** A closed concern was reopened; the reason stays on the chronology. */
public record IncidentReopened(UUID incidentId, String schoolId, String reopenedBy, Instant reopenedAt) {
}
