package org.chaperone.events.consent;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Staff asked the guardians of one pupil for consent. One event per pupil of a request. */
public record ConsentRequested(
        UUID requestId,
        String schoolId,
        UUID pupilId,
        List<UUID> guardianIds,
        ConsentPurpose purpose,
        ConsentScope scope,
        UUID sessionId,
        RecordingTerms recording,
        Instant expiresAt,
        Instant respondBy,
        String requestedBy,
        Instant requestedAt) {
}
