package org.chaperone.consent.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** A guardian's link to a pupil: whether they hold parental responsibility and whether it is restricted. */
@Entity
@Table(name = "guardian_link")
public class GuardianLink {

    @Id
    private UUID id;
    @Column(name = "school_id", nullable = false, updatable = false)
    private String schoolId;
    @Column(name = "pupil_id", nullable = false, updatable = false)
    private UUID pupilId;
    @Column(name = "guardian_id", nullable = false, updatable = false)
    private UUID guardianId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Relationship relationship;
    @Column(name = "parental_responsibility", nullable = false)
    private boolean parentalResponsibility;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Restriction restriction;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Version
    private long version;

    protected GuardianLink() {
    }

    public GuardianLink(String schoolId, PupilId pupilId, GuardianId guardianId, LinkTerms terms, Instant now) {
        this.id = UUID.randomUUID();
        this.schoolId = schoolId;
        this.pupilId = pupilId.value();
        this.guardianId = guardianId.value();
        apply(terms, now);
    }

    public void apply(LinkTerms terms, Instant now) {
        this.relationship = terms.relationship();
        this.parentalResponsibility = terms.parentalResponsibility();
        this.restriction = terms.restriction();
        this.updatedAt = now;
    }

    public PupilId pupilId() {
        return new PupilId(pupilId);
    }

    public GuardianId guardianId() {
        return new GuardianId(guardianId);
    }

    /** Rule R1: only a guardian with parental responsibility and no restriction may consent. */
    public boolean mayConsent() {
        return parentalResponsibility && restriction == Restriction.NONE;
    }

    public LinkDetails details() {
        return new LinkDetails(pupilId(), guardianId(), schoolId,
                new LinkTerms(relationship, parentalResponsibility, restriction), mayConsent(), updatedAt);
    }

    /** The terms of a link as the MIS records them. */
    public record LinkTerms(Relationship relationship, boolean parentalResponsibility, Restriction restriction) {
    }

    /** A read-only view of a link. */
    public record LinkDetails(PupilId pupilId, GuardianId guardianId, String schoolId, LinkTerms terms,
            boolean mayConsent, Instant updatedAt) {
    }
}
