package org.chaperone.events.scheduling;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An invite no longer holds (consent withdrawn or expired, session cancelled or moved): its link is void. */
public record InviteRevoked(UUID inviteId, UUID sessionId, String schoolId, UUID pupilId, List<UUID> guardianIds,
        BlockReason reason, Instant revokedAt) {
}
