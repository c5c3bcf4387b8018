package org.chaperone.events.scheduling;

import java.time.Instant;
import java.util.UUID;

/** A session moved and passed the policy again; invites already sent were revoked. */
public record SessionRescheduled(UUID sessionId, String schoolId, Instant startsAt, Instant endsAt,
        Instant previousStartsAt, Instant previousEndsAt, int policyVersion, String rescheduledBy,
        Instant rescheduledAt) {
}
