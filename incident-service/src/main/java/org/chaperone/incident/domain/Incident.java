package org.chaperone.incident.domain;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hibernate.annotations.BatchSize;

/**
 * A safeguarding concern: its facts and where it stands. What happened, and everything done about it, is on its
 * chronology; every change here comes with a new chronology entry, made by this class so that the chain's head
 * ({@code lastEntrySeq}, {@code lastEntryHash}) stays in step with it.
 */
@Entity
@Table(name = "incident")
public class Incident {

    @Id
    private UUID id;
    @Column(name = "school_id", nullable = false, updatable = false)
    private String schoolId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private Category category;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Severity severity;
    @Column(name = "immediate_risk", nullable = false, updatable = false)
    private boolean immediateRisk;
    @Column(name = "session_id", updatable = false)
    private UUID sessionId;
    @Column(name = "occurred_at", nullable = false, updatable = false)
    private Instant occurredAt;
    @Enumerated(EnumType.STRING)
    @Column(name = "routed_to", nullable = false, updatable = false)
    private Routing routedTo;
    @Column(name = "concerns_staff_id", updatable = false)
    private String concernsStaffId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private IncidentStatus status;
    @Enumerated(EnumType.STRING)
    private Outcome outcome;
    @Column(name = "raised_by", nullable = false, updatable = false)
    private String raisedBy;
    @Column(name = "raised_at", nullable = false, updatable = false)
    private Instant raisedAt;
    @Column(name = "acknowledged_by")
    private String acknowledgedBy;
    @Column(name = "acknowledged_at")
    private Instant acknowledgedAt;
    @Column(name = "closed_at")
    private Instant closedAt;
    @Column(name = "last_entry_seq", nullable = false)
    private int lastEntrySeq;
    @Column(name = "last_entry_hash", nullable = false)
    private String lastEntryHash;
    @ElementCollection
    @CollectionTable(name = "incident_pupil", joinColumns = @JoinColumn(name = "incident_id"))
    @OrderColumn(name = "position")
    @Column(name = "pupil_id", nullable = false)
    @BatchSize(size = 100)
    private List<UUID> pupilIds = new ArrayList<>();
    /** Pupils linked after raising, each by a PUPIL_LINKED entry: the concern is part of their chronology too. */
    @ElementCollection
    @CollectionTable(name = "incident_linked_pupil", joinColumns = @JoinColumn(name = "incident_id"))
    @Column(name = "pupil_id", nullable = false)
    @BatchSize(size = 100)
    private Set<UUID> linkedPupilIds = new HashSet<>();
    /** R16: null while unknown, {@code retentionBasis} says why. */
    @Column(name = "retention_until")
    private LocalDate retentionUntil;
    @Enumerated(EnumType.STRING)
    @Column(name = "retention_basis", nullable = false)
    private RetentionBasis retentionBasis;
    @Version
    private long version;

    protected Incident() {
    }

    private Incident(IncidentId id, String schoolId, Concern concern, String raisedBy, Instant now) {
        this.id = id.value();
        this.schoolId = schoolId;
        this.category = concern.category();
        this.immediateRisk = concern.immediateRisk();
        this.severity = concern.category().initialSeverity(concern.immediateRisk());
        this.sessionId = concern.sessionId();
        this.occurredAt = concern.occurredAt().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        this.routedTo = concern.category().routing();
        this.concernsStaffId = concern.concernsStaffId();
        this.pupilIds = new ArrayList<>(concern.pupilIds());
        this.status = IncidentStatus.RAISED;
        this.raisedBy = raisedBy;
        this.raisedAt = now;
        this.lastEntrySeq = 0;
        this.lastEntryHash = ChainHash.GENESIS;
        applyRetention(Retention.of(this.pupilIds, Map.of()));
    }

    /** What the raiser tells: the narrative and actions already taken go on the first chronology entry. */
    public record Concern(Category category, String whatHappened, Instant occurredAt, List<UUID> pupilIds,
            UUID sessionId, boolean immediateRisk, String actionsTaken, String concernsStaffId) {
    }

    /** A new concern and the first entry of its chronology; persist both, the concern first. */
    public static Raised raise(String schoolId, Concern concern, String raisedBy, Instant now) {
        Incident incident = new Incident(IncidentId.random(), schoolId, concern, raisedBy, now);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("category", concern.category().name());
        details.put("whatHappened", concern.whatHappened());
        details.put("actionsTaken", concern.actionsTaken());
        details.put("pupilIds", concern.pupilIds().stream().map(UUID::toString).toList());
        details.put("sessionId", concern.sessionId() == null ? null : concern.sessionId().toString());
        details.put("immediateRisk", concern.immediateRisk());
        details.put("severity", incident.severity.name());
        details.put("routedTo", incident.routedTo.name());
        details.put("concernsStaffId", concern.concernsStaffId());
        ChronologyEntry first = incident.append(EntryKind.RAISED, raisedBy, now, concern.occurredAt(), details);
        return new Raised(incident, first);
    }

    public record Raised(Incident incident, ChronologyEntry entry) {
    }

    /** The first acknowledgement; empty when it was acknowledged before (acknowledging twice is harmless). */
    public java.util.Optional<ChronologyEntry> acknowledge(String by, Instant now) {
        if (acknowledgedAt != null) {
            return java.util.Optional.empty();
        }
        acknowledgedBy = by;
        acknowledgedAt = now;
        if (status == IncidentStatus.RAISED) {
            status = IncidentStatus.ACKNOWLEDGED;
        }
        return java.util.Optional.of(append(EntryKind.ACKNOWLEDGED, by, now, null, Map.of()));
    }

    public ChronologyEntry assessRisk(Severity level, String rationale, String by, Instant now) {
        requireOpen();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("severity", level.name());
        details.put("previousSeverity", severity.name());
        details.put("rationale", rationale);
        severity = level;
        return append(EntryKind.RISK_ASSESSED, by, now, null, details);
    }

    public ChronologyEntry recordAction(ConcernAction action, Instant takenAt, String reason, String by,
            Instant now) {
        requireOpen();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("action", action.name());
        details.put("reason", reason);
        return append(EntryKind.ACTION_RECORDED, by, now, takenAt, details);
    }

    public ChronologyEntry close(Outcome result, String rationale, String by, Instant now) {
        requireOpen();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("outcome", result.name());
        details.put("rationale", rationale);
        status = IncidentStatus.CLOSED;
        outcome = result;
        closedAt = now;
        return append(EntryKind.CLOSED, by, now, null, details);
    }

    public ChronologyEntry reopen(String reason, String by, Instant now) {
        if (status != IncidentStatus.CLOSED) {
            throw new IllegalStateException("only a closed concern can be reopened");
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reason", reason);
        details.put("previousOutcome", outcome.name());
        status = IncidentStatus.ACKNOWLEDGED;
        outcome = null;
        closedAt = null;
        return append(EntryKind.REOPENED, by, now, null, details);
    }

    /** Links another concern of the same school (R15: a new entry; neither concern is edited). */
    public ChronologyEntry linkConcern(IncidentId other, String reason, String by, Instant now) {
        requireOpen();
        if (other.equals(id())) {
            throw new IllegalArgumentException("a concern is not linked to itself");
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("linkedIncidentId", other.toString());
        details.put("reason", reason);
        return append(EntryKind.CONCERN_LINKED, by, now, null, details);
    }

    /** Links a pupil of the same school: the concern becomes part of their chronology and their retention. */
    public ChronologyEntry linkPupil(UUID pupil, String reason, String by, Instant now) {
        requireOpen();
        if (involves(pupil)) {
            throw new IllegalStateException("the concern already involves that pupil");
        }
        linkedPupilIds.add(pupil);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("pupilId", pupil.toString());
        details.put("reason", reason);
        return append(EntryKind.PUPIL_LINKED, by, now, null, details);
    }

    /** Whether the concern names this pupil, or a pupil was linked to it since. */
    public boolean involves(UUID pupil) {
        return pupilIds.contains(pupil) || linkedPupilIds.contains(pupil);
    }

    /** The pupils it was raised about, then those linked later (in id order: the set keeps no order). */
    public List<UUID> involvedPupils() {
        List<UUID> all = new ArrayList<>(pupilIds);
        linkedPupilIds.stream().sorted(Comparator.comparing(UUID::toString)).forEach(all::add);
        return all;
    }

    /** Sets the retention date (R16), from the dates of birth now known; it changes no chronology entry. */
    public void applyRetention(Retention retention) {
        retentionUntil = retention.until();
        retentionBasis = retention.basis();
    }

    public boolean isClosed() {
        return status == IncidentStatus.CLOSED;
    }

    private void requireOpen() {
        if (isClosed()) {
            throw new IllegalStateException("a closed concern takes no entries but a reopening");
        }
    }

    private ChronologyEntry append(EntryKind kind, String by, Instant now, Instant occurred, Map<String, ?> details) {
        ChronologyEntry entry = new ChronologyEntry(id(), schoolId, lastEntrySeq + 1, kind, by, now, occurred,
                details, lastEntryHash);
        lastEntrySeq = entry.seq();
        lastEntryHash = entry.hash();
        return entry;
    }

    public IncidentId id() {
        return new IncidentId(id);
    }

    public String schoolId() {
        return schoolId;
    }

    public String raisedBy() {
        return raisedBy;
    }

    public Severity severity() {
        return severity;
    }

    public Routing routedTo() {
        return routedTo;
    }

    public Instant raisedAt() {
        return raisedAt;
    }

    public int lastEntrySeq() {
        return lastEntrySeq;
    }

    public String lastEntryHash() {
        return lastEntryHash;
    }

    /** Whether this caller may see and handle the concern (R12, R14). */
    public boolean visibleTo(ConcernAccess access) {
        return access.maySee(routedTo, concernsStaffId);
    }

    public Summary summary() {
        return new Summary(id(), schoolId, category, severity, immediateRisk, sessionId, List.copyOf(pupilIds),
                occurredAt, routedTo, concernsStaffId, status, outcome, raisedBy, raisedAt, acknowledgedBy,
                acknowledgedAt, closedAt, lastEntrySeq,
                linkedPupilIds.stream().sorted(Comparator.comparing(UUID::toString)).toList(), retentionUntil,
                retentionBasis);
    }

    /** A read-only view of a concern, without its narrative. */
    public record Summary(IncidentId id, String schoolId, Category category, Severity severity, boolean immediateRisk,
            UUID sessionId, List<UUID> pupilIds, Instant occurredAt, Routing routedTo, String concernsStaffId,
            IncidentStatus status, Outcome outcome, String raisedBy, Instant raisedAt, String acknowledgedBy,
            Instant acknowledgedAt, Instant closedAt, int chronologyEntries, List<UUID> linkedPupilIds,
            LocalDate retentionUntil, RetentionBasis retentionBasis) {
    }
}
