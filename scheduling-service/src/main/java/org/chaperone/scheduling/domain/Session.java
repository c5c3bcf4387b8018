package org.chaperone.scheduling.domain;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A live video session: when, who hosts, whether it is recorded, its status, the policy version it was checked
 * against, and its meeting security profile (R9). The passcode is stored only encrypted.
 */
@Entity
@Table(name = "session")
public class Session {

    @Id
    private UUID id;
    @Column(name = "school_id", nullable = false, updatable = false)
    private String schoolId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private SessionKind kind;
    @Column(nullable = false)
    private String title;
    @Column(name = "starts_at", nullable = false)
    private Instant startsAt;
    @Column(name = "ends_at", nullable = false)
    private Instant endsAt;
    @Column(nullable = false)
    private boolean recorded;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private SessionStatus status;
    @Column(name = "policy_version", nullable = false)
    private int policyVersion;
    @Column(name = "join_url", nullable = false, updatable = false)
    private String joinUrl;
    @Column(name = "passcode_encrypted", nullable = false, updatable = false)
    private String passcodeEncrypted;
    @Column(name = "meeting_settings", nullable = false)
    private String meetingSettings;
    @Column(name = "decided_by")
    private String decidedBy;
    @Column(name = "decided_at")
    private Instant decidedAt;
    @Column(name = "decision_reason")
    private String decisionReason;
    @Column(name = "dispatched_at")
    private Instant dispatchedAt;
    @Column(name = "created_by", nullable = false, updatable = false)
    private String createdBy;
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Column(name = "started_at")
    private Instant startedAt;
    @Column(name = "ended_at")
    private Instant endedAt;
    /** Comma-separated staff ids present, as the hosts recorded at the start. */
    @Column(name = "staff_present")
    private String staffPresent;
    /** What went wrong, in the hosts' words (R11). Stays in this service: never in an event. */
    private String issues;
    @Column(name = "terminated_by_incident")
    private UUID terminatedByIncident;
    @Version
    private long version;
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "session_host", joinColumns = @JoinColumn(name = "session_id"))
    @Column(name = "staff_id")
    private Set<String> hostStaffIds = new LinkedHashSet<>();

    protected Session() {
    }

    public Session(SessionId id, String schoolId, SessionPlan plan, int policyVersion, Meeting meeting,
            String meetingSettingsJson, String createdBy, Instant now) {
        this.id = id.value();
        this.schoolId = schoolId;
        this.kind = plan.kind();
        this.title = plan.title();
        this.startsAt = plan.startsAt();
        this.endsAt = plan.endsAt();
        this.recorded = plan.recorded();
        this.hostStaffIds.addAll(plan.hostStaffIds());
        this.policyVersion = policyVersion;
        this.joinUrl = meeting.joinUrl();
        this.passcodeEncrypted = meeting.passcodeEncrypted();
        this.meetingSettings = meetingSettingsJson;
        this.status = plan.kind() == SessionKind.ONE_TO_ONE ? SessionStatus.PENDING_APPROVAL : SessionStatus.SCHEDULED;
        this.createdBy = createdBy;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public SessionId id() {
        return new SessionId(id);
    }

    public String schoolId() {
        return schoolId;
    }

    public SessionKind kind() {
        return kind;
    }

    public SessionStatus status() {
        return status;
    }

    public boolean recorded() {
        return recorded;
    }

    public Instant startsAt() {
        return startsAt;
    }

    public Instant endsAt() {
        return endsAt;
    }

    public List<String> hostStaffIds() {
        return List.copyOf(hostStaffIds);
    }

    public String joinUrl() {
        return joinUrl;
    }

    public String passcodeEncrypted() {
        return passcodeEncrypted;
    }

    public boolean invitesDispatched() {
        return dispatchedAt != null;
    }

    /** The Headteacher or a deputy approves or declines a one-to-one session (R3). */
    public void decideApproval(boolean approved, String by, String reason, Instant now) {
        requireStatus(SessionStatus.PENDING_APPROVAL, "only a session pending approval can be approved or declined");
        this.status = approved ? SessionStatus.SCHEDULED : SessionStatus.DECLINED;
        this.decidedBy = by;
        this.decidedAt = now;
        this.decisionReason = reason;
        this.updatedAt = now;
    }

    public void markDispatched(Instant now) {
        requireStatus(SessionStatus.SCHEDULED, "invites go only for a scheduled session");
        this.dispatchedAt = now;
        this.updatedAt = now;
    }

    /** Drops recording for this session (the policy says so when a pupil lacks recording consent, R2). */
    public void stopRecording(Instant now) {
        this.recorded = false;
        this.updatedAt = now;
    }

    public void reschedule(Instant startsAt, Instant endsAt, int policyVersion, Instant now) {
        if (!status.isOpen() || status == SessionStatus.LIVE) {
            throw new IllegalStateException("only a session that has not started can be moved");
        }
        this.startsAt = startsAt;
        this.endsAt = endsAt;
        this.policyVersion = policyVersion;
        this.dispatchedAt = null;
        this.updatedAt = now;
    }

    public void cancel(Instant now) {
        if (!status.isOpen() || status == SessionStatus.LIVE) {
            throw new IllegalStateException("only a session that has not started can be cancelled");
        }
        this.status = SessionStatus.CANCELLED;
        this.updatedAt = now;
    }

    /** The hosts started the session, with the staff present (R11). */
    public void start(List<String> staffPresent, Instant now) {
        requireStatus(SessionStatus.SCHEDULED, "only a scheduled session can start");
        this.status = SessionStatus.LIVE;
        this.startedAt = now;
        this.staffPresent = String.join(",", staffPresent);
        this.updatedAt = now;
    }

    /** The hosts ended the session, saying what went wrong if anything did (R11). */
    public void end(String issues, Instant now) {
        requireStatus(SessionStatus.LIVE, "only a live session can end");
        this.status = SessionStatus.ENDED;
        this.endedAt = now;
        this.issues = issues;
        this.updatedAt = now;
    }

    /** A security breach ends a live session for everyone (R13); anything else is left as it is. */
    public boolean terminate(UUID incident, Instant now) {
        if (status != SessionStatus.LIVE) {
            return false;
        }
        this.status = SessionStatus.TERMINATED;
        this.endedAt = now;
        this.terminatedByIncident = incident;
        this.updatedAt = now;
        return true;
    }

    public SessionLog log() {
        return new SessionLog(startedAt, endedAt, staffPresent == null || staffPresent.isEmpty() ? List.of()
                : List.of(staffPresent.split(",")), issues, terminatedByIncident);
    }

    /** What actually happened (R11). */
    public record SessionLog(Instant startedAt, Instant endedAt, List<String> staffPresent, String issues,
            UUID terminatedByIncident) {
    }

    private void requireStatus(SessionStatus expected, String message) {
        if (status != expected) {
            throw new IllegalStateException(message);
        }
    }

    public SessionDetails details() {
        return new SessionDetails(id(), schoolId, kind, title, startsAt, endsAt, hostStaffIds(), recorded, status,
                policyVersion, joinUrl, decidedBy, decidedAt, decisionReason, dispatchedAt, createdBy, createdAt);
    }

    /** What staff ask for when scheduling. */
    public record SessionPlan(SessionKind kind, String title, Instant startsAt, Instant endsAt,
            List<String> hostStaffIds, List<UUID> pupilIds, boolean recorded, MeetingSettings meeting) {
    }

    /** A meeting room as the provider made it: a unique link and the passcode, already encrypted. */
    public record Meeting(String joinUrl, String passcodeEncrypted) {
    }

    /** A read-only view; the passcode is not part of it. */
    public record SessionDetails(SessionId id, String schoolId, SessionKind kind, String title, Instant startsAt,
            Instant endsAt, List<String> hostStaffIds, boolean recorded, SessionStatus status, int policyVersion,
            String joinUrl, String decidedBy, Instant decidedAt, String decisionReason, Instant dispatchedAt,
            String createdBy, Instant createdAt) {
    }
}
