package org.chaperone.consent.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * What a consent covers: its purpose, whether it stands or covers one session, for recording what the
 * recording is for and how long it is kept (R2), and when a standing consent expires (if it does).
 */
public record ConsentTerms(Purpose purpose, Scope scope, UUID sessionId, RecordingTerms recording,
        Instant expiresAt) {

    /** Rule R2: a recording consent states its purpose and retention period. */
    public record RecordingTerms(String purpose, int retentionDays) {
    }

    /** Two decisions are about the same thing when purpose, scope and session agree. */
    public boolean sameLineAs(ConsentTerms other) {
        return purpose == other.purpose && scope == other.scope && java.util.Objects.equals(sessionId, other.sessionId);
    }
}
