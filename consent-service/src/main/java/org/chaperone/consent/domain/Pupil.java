package org.chaperone.consent.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A pupil of one school, as the school's MIS knows them. */
@Entity
@Table(name = "pupil")
public class Pupil {

    @Id
    private UUID id;
    @Column(name = "school_id", nullable = false, updatable = false)
    private String schoolId;
    @Column(name = "mis_id", nullable = false)
    private String misId;
    @Column(nullable = false)
    private String upn;
    @Column(name = "given_name", nullable = false)
    private String givenName;
    @Column(name = "family_name", nullable = false)
    private String familyName;
    @Column(name = "date_of_birth", nullable = false)
    private LocalDate dateOfBirth;
    @Column(name = "class_name")
    private String className;
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Version
    private long version;

    protected Pupil() {
    }

    public Pupil(PupilId id, String schoolId, PupilFacts facts, Instant now) {
        this.id = id.value();
        this.schoolId = schoolId;
        this.createdAt = now;
        apply(facts, now);
    }

    /** Replaces what the MIS says about the pupil. */
    public void apply(PupilFacts facts, Instant now) {
        this.misId = facts.misId();
        this.upn = facts.upn().value();
        this.givenName = facts.givenName();
        this.familyName = facts.familyName();
        this.dateOfBirth = facts.dateOfBirth();
        this.className = facts.className();
        this.updatedAt = now;
    }

    public PupilId id() {
        return new PupilId(id);
    }

    public String schoolId() {
        return schoolId;
    }

    public PupilDetails details() {
        return new PupilDetails(id(), schoolId, new PupilFacts(misId, new Upn(upn), givenName, familyName,
                dateOfBirth, className), createdAt, updatedAt);
    }

    /** What the MIS says about a pupil. */
    public record PupilFacts(String misId, Upn upn, String givenName, String familyName, LocalDate dateOfBirth,
            String className) {
    }

    /** A read-only view of a pupil. */
    public record PupilDetails(PupilId id, String schoolId, PupilFacts facts, Instant createdAt, Instant updatedAt) {
    }
}
