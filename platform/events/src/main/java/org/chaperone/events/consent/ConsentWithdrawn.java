package org.chaperone.events.consent;

import java.time.Instant;
import java.util.UUID;

/** A guardian withdrew a consent they had granted; {@code withdrawnConsentId} names that grant. */
public record ConsentWithdrawn(
        UUID consentId,
        UUID withdrawnConsentId,
        String schoolId,
        UUID pupilId,
        UUID guardianId,
        ConsentPurpose purpose,
        ConsentScope scope,
        UUID sessionId,
        DecisionChannel channel,
        Instant withdrawnAt,
        String recordedBy) {
}
