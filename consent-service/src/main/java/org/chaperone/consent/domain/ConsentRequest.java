package org.chaperone.consent.domain;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Staff asked the guardians of a list of pupils (a class, say) for consent to one purpose. */
@Entity
@Table(name = "consent_request")
public class ConsentRequest {

    @Id
    private UUID id;
    @Column(name = "school_id", nullable = false, updatable = false)
    private String schoolId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private Purpose purpose;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private Scope scope;
    @Column(name = "session_id", updatable = false)
    private UUID sessionId;
    @Column(name = "recording_purpose", updatable = false)
    private String recordingPurpose;
    @Column(name = "retention_days", updatable = false)
    private Integer retentionDays;
    @Column(name = "expires_at", updatable = false)
    private Instant expiresAt;
    @Column(name = "respond_by", updatable = false)
    private Instant respondBy;
    @Column(name = "requested_by", nullable = false, updatable = false)
    private String requestedBy;
    @Column(name = "requested_at", nullable = false, updatable = false)
    private Instant requestedAt;
    @ElementCollection
    @CollectionTable(name = "consent_request_pupil", joinColumns = @JoinColumn(name = "request_id"))
    @Column(name = "pupil_id")
    private Set<UUID> pupilIds = new LinkedHashSet<>();

    protected ConsentRequest() {
    }

    public ConsentRequest(ConsentRequestId id, String schoolId, ConsentTerms terms, List<PupilId> pupils,
            Instant respondBy, String requestedBy, Instant now) {
        this.id = id.value();
        this.schoolId = schoolId;
        this.purpose = terms.purpose();
        this.scope = terms.scope();
        this.sessionId = terms.sessionId();
        if (terms.recording() != null) {
            this.recordingPurpose = terms.recording().purpose();
            this.retentionDays = terms.recording().retentionDays();
        }
        this.expiresAt = terms.expiresAt();
        this.respondBy = respondBy;
        this.requestedBy = requestedBy;
        this.requestedAt = now;
        pupils.forEach(pupil -> pupilIds.add(pupil.value()));
    }

    public ConsentRequestId id() {
        return new ConsentRequestId(id);
    }

    public String schoolId() {
        return schoolId;
    }

    public ConsentTerms terms() {
        return new ConsentTerms(purpose, scope, sessionId,
                recordingPurpose == null ? null : new ConsentTerms.RecordingTerms(recordingPurpose, retentionDays),
                expiresAt);
    }

    public boolean covers(PupilId pupil) {
        return pupilIds.contains(pupil.value());
    }

    public RequestDetails details() {
        return new RequestDetails(id(), schoolId, terms(), pupilIds.stream().map(PupilId::new).toList(), respondBy,
                requestedBy, requestedAt);
    }

    /** A read-only view of a request. */
    public record RequestDetails(ConsentRequestId id, String schoolId, ConsentTerms terms, List<PupilId> pupilIds,
            Instant respondBy, String requestedBy, Instant requestedAt) {
    }
}
