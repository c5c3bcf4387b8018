package org.chaperone.events.notification;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Nobody acknowledged a safeguarding alert within the school's window, or it reached nobody: the next rung of the
 * ladder (R17) was alerted. {@code step} counts from 1; {@code recipientStaffIds} are staff ids, never names.
 */
public record AlertEscalated(UUID incidentId, String schoolId, int step, EscalationLevel level,
        EscalationReason reason, List<String> recipientStaffIds, boolean outOfHours, Instant escalatedAt) {
}
