package org.chaperone.events.scheduling;

import java.time.Instant;
import java.util.UUID;

/** A pupil who did not join needs a follow-up, open until someone records its outcome (R11). */
public record FollowUpRequired(UUID followUpId, UUID sessionId, String schoolId, UUID pupilId, Instant raisedAt) {
}
