package org.chaperone.events.incident;

import java.time.Instant;
import java.util.UUID;

/** An action on the concern was recorded on its chronology; the reason stays there. */
public record IncidentActionRecorded(UUID incidentId, String schoolId, UUID entryId, IncidentAction action,
        Instant takenAt, String recordedBy, Instant recordedAt) {
}
