package org.chaperone.scheduling.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * One guardian's latest decision on one consent line (pupil, purpose, scope, session), as consent-service
 * announced it. Kept by the consent projection.
 */
public record ConsentLine(UUID pupilId, String purpose, UUID guardianId, String scope, UUID sessionId,
        String decision, UUID consentId, Instant decidedAt, Instant expiresAt) {

    public static final String LIVE_VIDEO = "LIVE_VIDEO";
    public static final String RECORDING = "RECORDING";
    public static final String ONE_TO_ONE = "ONE_TO_ONE";
}
