package org.chaperone.events.incident;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A safeguarding concern was raised (R12). Ids only: never the narrative, never a name. {@code immediateRisk}
 * flags a police call; {@code routedTo} says who is alerted, and {@code concernsStaffId}, for a staff-conduct
 * concern (R14), is the member of staff it names, who must never be told of it.
 */
public record IncidentRaised(UUID incidentId, String schoolId, IncidentCategory category, IncidentSeverity severity,
        boolean immediateRisk, UUID sessionId, List<UUID> pupilIds, String raisedBy, Instant occurredAt,
        Instant raisedAt, IncidentRouting routedTo, String concernsStaffId) {
}
