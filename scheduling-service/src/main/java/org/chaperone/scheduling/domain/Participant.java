package org.chaperone.scheduling.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/** A pupil in a session, and the state of their invite: to whom it went, or why it was blocked. */
@Entity
@Table(name = "session_participant")
public class Participant {

    @Id
    private UUID id;
    @Column(name = "session_id", nullable = false, updatable = false)
    private UUID sessionId;
    @Column(name = "school_id", nullable = false, updatable = false)
    private String schoolId;
    @Column(name = "pupil_id", nullable = false, updatable = false)
    private UUID pupilId;
    @Enumerated(EnumType.STRING)
    @Column(name = "invite_state", nullable = false)
    private InviteState inviteState;
    @Column(name = "invite_id")
    private UUID inviteId;
    /** Comma-separated guardian ids the current invite went to. */
    @Column(name = "guardian_ids")
    private String guardianIds;
    /** Comma-separated reasons the invite is blocked or was revoked. */
    private String reasons;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Version
    private long version;

    protected Participant() {
    }

    public Participant(SessionId session, String schoolId, UUID pupilId, Instant now) {
        this.id = UUID.randomUUID();
        this.sessionId = session.value();
        this.schoolId = schoolId;
        this.pupilId = pupilId;
        this.inviteState = InviteState.NOT_DISPATCHED;
        this.updatedAt = now;
    }

    public UUID pupilId() {
        return pupilId;
    }

    public SessionId sessionId() {
        return new SessionId(sessionId);
    }

    public InviteState inviteState() {
        return inviteState;
    }

    public UUID inviteId() {
        return inviteId;
    }

    public List<UUID> guardianIds() {
        return guardianIds == null || guardianIds.isEmpty() ? List.of()
                : Arrays.stream(guardianIds.split(",")).map(UUID::fromString).toList();
    }

    public List<String> reasons() {
        return reasons == null || reasons.isEmpty() ? List.of() : List.of(reasons.split(","));
    }

    /** A new invite to these guardians; returns its id. */
    public UUID dispatch(List<UUID> guardians, Instant now) {
        this.inviteState = InviteState.DISPATCHED;
        this.inviteId = UUID.randomUUID();
        this.guardianIds = guardians.stream().map(UUID::toString).collect(Collectors.joining(","));
        this.reasons = null;
        this.updatedAt = now;
        return inviteId;
    }

    public void block(List<String> why, Instant now) {
        this.inviteState = InviteState.BLOCKED;
        this.inviteId = null;
        this.guardianIds = null;
        this.reasons = String.join(",", why);
        this.updatedAt = now;
    }

    public void revoke(String why, Instant now) {
        this.inviteState = InviteState.REVOKED;
        this.reasons = why;
        this.updatedAt = now;
    }

    /** Back to not dispatched, e.g. after a reschedule revoked the old invite. */
    public void reset(Instant now) {
        this.inviteState = InviteState.NOT_DISPATCHED;
        this.inviteId = null;
        this.guardianIds = null;
        this.updatedAt = now;
    }
}
