package org.chaperone.consent.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/**
 * One entry of a pupil's consent history. Entries are never changed: a withdrawal or an expiry is a new entry
 * that names the grant it ends ({@code supersedes}). The database refuses updates and deletes too.
 */
@Entity
@Immutable
@Table(name = "consent_decision")
public class ConsentDecision {

    @Id
    private UUID id;
    @Column(insertable = false, updatable = false)
    private Long seq;
    @Column(name = "school_id", nullable = false)
    private String schoolId;
    @Column(name = "pupil_id", nullable = false)
    private UUID pupilId;
    @Column(name = "guardian_id", nullable = false)
    private UUID guardianId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Purpose purpose;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Scope scope;
    @Column(name = "session_id")
    private UUID sessionId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Decision decision;
    @Column(name = "request_id")
    private UUID requestId;
    @Column(name = "supersedes_id")
    private UUID supersedesId;
    @Column(name = "recording_purpose")
    private String recordingPurpose;
    @Column(name = "retention_days")
    private Integer retentionDays;
    @Column(name = "expires_at")
    private Instant expiresAt;
    @Enumerated(EnumType.STRING)
    private Channel channel;
    @Column(name = "evidence_reference")
    private String evidenceReference;
    @Column(name = "evidence_received_at")
    private Instant evidenceReceivedAt;
    @Column(name = "evidence_sha256")
    private String evidenceSha256;
    @Column(name = "recorded_by", nullable = false)
    private String recordedBy;
    @Column(name = "decided_at", nullable = false)
    private Instant decidedAt;

    protected ConsentDecision() {
    }

    private ConsentDecision(String schoolId, PupilId pupil, GuardianId guardian, ConsentTerms terms,
            Decision decision, ConsentRequestId request, ConsentId supersedes, Channel channel, Evidence evidence,
            String recordedBy, Instant decidedAt) {
        this.id = UUID.randomUUID();
        this.schoolId = schoolId;
        this.pupilId = pupil.value();
        this.guardianId = guardian.value();
        this.purpose = terms.purpose();
        this.scope = terms.scope();
        this.sessionId = terms.sessionId();
        this.decision = decision;
        this.requestId = request == null ? null : request.value();
        this.supersedesId = supersedes == null ? null : supersedes.value();
        if (terms.recording() != null) {
            this.recordingPurpose = terms.recording().purpose();
            this.retentionDays = terms.recording().retentionDays();
        }
        this.expiresAt = terms.expiresAt();
        this.channel = channel;
        if (evidence != null) {
            this.evidenceReference = evidence.reference();
            this.evidenceReceivedAt = evidence.receivedAt();
            this.evidenceSha256 = evidence.sha256();
        }
        this.recordedBy = recordedBy;
        this.decidedAt = decidedAt;
    }

    /** A guardian grants or refuses. */
    public static ConsentDecision decide(String schoolId, PupilId pupil, GuardianId guardian, ConsentTerms terms,
            boolean granted, ConsentRequestId request, Channel channel, Evidence evidence, String recordedBy,
            Instant now) {
        ConsentTerms kept = granted ? terms : new ConsentTerms(terms.purpose(), terms.scope(), terms.sessionId(),
                null, null);
        return new ConsentDecision(schoolId, pupil, guardian, kept, granted ? Decision.GRANTED : Decision.REFUSED,
                request, null, channel, evidence, recordedBy, now);
    }

    /** The guardian withdraws this grant. */
    public ConsentDecision withdraw(Channel channel, Evidence evidence, String recordedBy, Instant now) {
        requireGrant();
        return new ConsentDecision(schoolId, pupilId(), guardianId(), lineTerms(), Decision.WITHDRAWN, null, id(),
                channel, evidence, recordedBy, now);
    }

    /** This grant reached its expiry date. */
    public ConsentDecision expire(String recordedBy) {
        requireGrant();
        return new ConsentDecision(schoolId, pupilId(), guardianId(), lineTerms(), Decision.EXPIRED, null, id(), null,
                null, recordedBy, expiresAt);
    }

    private void requireGrant() {
        if (decision != Decision.GRANTED) {
            throw new IllegalStateException("only a grant can be withdrawn or expire");
        }
    }

    private ConsentTerms lineTerms() {
        return new ConsentTerms(purpose, scope, sessionId, null, null);
    }

    public ConsentId id() {
        return new ConsentId(id);
    }

    public String schoolId() {
        return schoolId;
    }

    public PupilId pupilId() {
        return new PupilId(pupilId);
    }

    public GuardianId guardianId() {
        return new GuardianId(guardianId);
    }

    public Decision decision() {
        return decision;
    }

    public ConsentTerms terms() {
        return new ConsentTerms(purpose, scope, sessionId,
                recordingPurpose == null ? null : new ConsentTerms.RecordingTerms(recordingPurpose, retentionDays),
                expiresAt);
    }

    public Instant decidedAt() {
        return decidedAt;
    }

    /** Whether this is a grant that has passed its expiry date at {@code now}. */
    public boolean hasExpired(Instant now) {
        return decision == Decision.GRANTED && expiresAt != null && !expiresAt.isAfter(now);
    }

    public DecisionDetails details() {
        return new DecisionDetails(id(), schoolId, pupilId(), guardianId(), terms(), decision,
                requestId == null ? null : new ConsentRequestId(requestId),
                supersedesId == null ? null : new ConsentId(supersedesId), channel,
                evidenceReference == null ? null
                        : new Evidence(channel, evidenceReference, evidenceReceivedAt, evidenceSha256),
                recordedBy, decidedAt);
    }

    /** A read-only view of a history entry. */
    public record DecisionDetails(ConsentId id, String schoolId, PupilId pupilId,
            GuardianId guardianId, ConsentTerms terms, Decision decision, ConsentRequestId requestId,
            ConsentId supersedes, Channel channel, Evidence evidence, String recordedBy, Instant decidedAt) {
    }
}
