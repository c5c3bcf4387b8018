package org.chaperone.events.incident;

import java.time.Instant;
import java.util.UUID;

/** The concern's risk level was set or changed, with a rationale kept on the chronology only. */
public record IncidentRiskAssessed(UUID incidentId, String schoolId, IncidentSeverity severity,
        IncidentSeverity previousSeverity, String assessedBy, Instant assessedAt) {
}
