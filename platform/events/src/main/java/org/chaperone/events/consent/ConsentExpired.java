package org.chaperone.events.consent;

import java.time.Instant;
import java.util.UUID;

/** A granted consent reached its expiry date; {@code expiredConsentId} names that grant. */
public record ConsentExpired(
        UUID consentId,
        UUID expiredConsentId,
        String schoolId,
        UUID pupilId,
        UUID guardianId,
        ConsentPurpose purpose,
        ConsentScope scope,
        UUID sessionId,
        Instant expiredAt) {
}
