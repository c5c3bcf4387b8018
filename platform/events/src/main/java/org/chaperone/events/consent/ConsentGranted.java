package org.chaperone.events.consent;

import java.time.Instant;
import java.util.UUID;

/** A guardian with parental responsibility granted consent. */
public record ConsentGranted(
        UUID consentId,
        String schoolId,
        UUID pupilId,
        UUID guardianId,
        ConsentPurpose purpose,
        ConsentScope scope,
        UUID sessionId,
        UUID requestId,
        RecordingTerms recording,
        Instant expiresAt,
        DecisionChannel channel,
        Instant decidedAt,
        String recordedBy) {
}
