package org.chaperone.scheduling.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** A pupil who did not join needs following up; it stays open until someone records the outcome (R11). */
@Entity
@Table(name = "follow_up")
public class FollowUp {

    @Id
    private UUID id;
    @Column(name = "session_id", nullable = false, updatable = false)
    private UUID sessionId;
    @Column(name = "school_id", nullable = false, updatable = false)
    private String schoolId;
    @Column(name = "pupil_id", nullable = false, updatable = false)
    private UUID pupilId;
    @Column(name = "raised_at", nullable = false, updatable = false)
    private Instant raisedAt;
    private String outcome;
    @Column(name = "closed_by")
    private String closedBy;
    @Column(name = "closed_at")
    private Instant closedAt;
    @Version
    private long version;

    protected FollowUp() {
    }

    public FollowUp(SessionId session, String schoolId, UUID pupilId, Instant now) {
        this.id = UUID.randomUUID();
        this.sessionId = session.value();
        this.schoolId = schoolId;
        this.pupilId = pupilId;
        this.raisedAt = now;
    }

    public UUID id() {
        return id;
    }

    public String schoolId() {
        return schoolId;
    }

    public boolean isOpen() {
        return closedAt == null;
    }

    public void close(String outcome, String by, Instant now) {
        if (!isOpen()) {
            throw new IllegalStateException("already closed");
        }
        this.outcome = outcome;
        this.closedBy = by;
        this.closedAt = now;
    }

    public Details details() {
        return new Details(id, new SessionId(sessionId), schoolId, pupilId, raisedAt, outcome, closedBy, closedAt);
    }

    /** A read-only view. */
    public record Details(UUID id, SessionId sessionId, String schoolId, UUID pupilId, Instant raisedAt,
            String outcome, String closedBy, Instant closedAt) {
    }
}
