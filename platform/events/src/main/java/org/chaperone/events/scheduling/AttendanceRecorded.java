package org.chaperone.events.scheduling;

import java.time.Instant;
import java.util.UUID;

/** A host recorded one pupil's attendance (R11). */
public record AttendanceRecorded(UUID sessionId, String schoolId, UUID pupilId, AttendanceStatus status,
        Instant joinedAt, Instant leftAt, String recordedBy, Instant recordedAt) {
}
