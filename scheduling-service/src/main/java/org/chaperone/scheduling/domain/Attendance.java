package org.chaperone.scheduling.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/** One pupil's attendance of one session, as a host recorded it (R11). */
@Entity
@Immutable
@Table(name = "attendance")
public class Attendance {

    /** Joined, never joined, or removed by a host (who then cannot rejoin, R9). */
    public enum Status {
        JOINED,
        DID_NOT_JOIN,
        REMOVED
    }

    @Id
    private UUID id;
    @Column(name = "session_id", nullable = false)
    private UUID sessionId;
    @Column(name = "school_id", nullable = false)
    private String schoolId;
    @Column(name = "pupil_id", nullable = false)
    private UUID pupilId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Status status;
    @Column(name = "joined_at")
    private Instant joinedAt;
    @Column(name = "left_at")
    private Instant leftAt;
    /** Why a pupil was removed, or anything a host noted; stays in this service. */
    private String note;
    @Column(name = "recorded_by", nullable = false)
    private String recordedBy;
    @Column(name = "recorded_at", nullable = false)
    private Instant recordedAt;

    protected Attendance() {
    }

    public Attendance(SessionId session, String schoolId, Entry entry, String recordedBy, Instant now) {
        this.id = UUID.randomUUID();
        this.sessionId = session.value();
        this.schoolId = schoolId;
        this.pupilId = entry.pupilId();
        this.status = entry.status();
        this.joinedAt = entry.joinedAt();
        this.leftAt = entry.leftAt();
        this.note = entry.note();
        this.recordedBy = recordedBy;
        this.recordedAt = now;
    }

    public Entry entry() {
        return new Entry(pupilId, status, joinedAt, leftAt, note);
    }

    public String recordedBy() {
        return recordedBy;
    }

    public Instant recordedAt() {
        return recordedAt;
    }

    /** What a host records for one pupil. */
    public record Entry(UUID pupilId, Status status, Instant joinedAt, Instant leftAt, String note) {
    }
}
