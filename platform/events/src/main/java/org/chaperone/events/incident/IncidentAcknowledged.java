package org.chaperone.events.incident;

import java.time.Instant;
import java.util.UUID;

/** Someone who handles the concern acknowledged it: the alert escalation (R17) stops. */
public record IncidentAcknowledged(UUID incidentId, String schoolId, String acknowledgedBy, Instant acknowledgedAt) {
}
