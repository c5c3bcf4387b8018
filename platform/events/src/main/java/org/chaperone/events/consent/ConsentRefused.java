package org.chaperone.events.consent;

import java.time.Instant;
import java.util.UUID;

/** A guardian with parental responsibility refused consent. */
public record ConsentRefused(
        UUID consentId,
        String schoolId,
        UUID pupilId,
        UUID guardianId,
        ConsentPurpose purpose,
        ConsentScope scope,
        UUID sessionId,
        UUID requestId,
        DecisionChannel channel,
        Instant decidedAt,
        String recordedBy) {
}
