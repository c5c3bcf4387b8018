package org.chaperone.incident.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * What incident-service keeps of a pupil of a school: only their date of birth, for the retention of their
 * child-protection records (R16). The school app or office records it; one sent with a concern is used only while the
 * school has recorded none. Names, classes and the rest stay in consent-service.
 */
@Entity
@Table(name = "pupil_reference")
public class PupilReference {

    /** Where a date of birth came from; the school's own record outranks one sent with a concern. */
    public enum Source {
        SCHOOL_RECORD,
        CONCERN
    }

    @Id
    private UUID id;
    @Column(name = "school_id", nullable = false, updatable = false)
    private String schoolId;
    @Column(name = "pupil_id", nullable = false, updatable = false)
    private UUID pupilId;
    @Column(name = "date_of_birth", nullable = false)
    private LocalDate dateOfBirth;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Source source;
    @Column(name = "recorded_by", nullable = false)
    private String recordedBy;
    @Column(name = "recorded_at", nullable = false)
    private Instant recordedAt;

    protected PupilReference() {
    }

    public PupilReference(String schoolId, UUID pupilId, LocalDate dateOfBirth, Source source, String recordedBy,
            Instant recordedAt) {
        this.id = UUID.randomUUID();
        this.schoolId = schoolId;
        this.pupilId = pupilId;
        this.dateOfBirth = dateOfBirth;
        this.source = source;
        this.recordedBy = recordedBy;
        this.recordedAt = recordedAt;
    }

    public UUID id() {
        return id;
    }

    public String schoolId() {
        return schoolId;
    }

    public UUID pupilId() {
        return pupilId;
    }

    public LocalDate dateOfBirth() {
        return dateOfBirth;
    }

    public Source source() {
        return source;
    }

    public String recordedBy() {
        return recordedBy;
    }

    public Instant recordedAt() {
        return recordedAt;
    }

    public View view() {
        return new View(schoolId, pupilId, dateOfBirth, source, recordedBy, recordedAt);
    }

    /** A read-only view of a pupil reference. */
    public record View(String schoolId, UUID pupilId, LocalDate dateOfBirth, Source source, String recordedBy,
            Instant recordedAt) {
    }
}
