package org.chaperone.events.scheduling;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A pupil is not invited, and why; no link leaves the system for them (R1). */
public record InviteBlocked(UUID sessionId, String schoolId, UUID pupilId, List<BlockReason> reasons,
        Instant blockedAt) {
}
