package org.chaperone.events.scheduling;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A session passed the school's policy and was scheduled; SLT are told of every one (R8). */
public record SessionScheduled(UUID sessionId, String schoolId, SessionKind kind, Instant startsAt, Instant endsAt,
        List<String> hostStaffIds, List<UUID> pupilIds, boolean recorded, boolean approvalRequired,
        int policyVersion, String scheduledBy, Instant scheduledAt) {
}
