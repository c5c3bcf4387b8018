package org.chaperone.consent.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/**
 * A parent or carer registered by a school. Contact details are not kept here: they live only in
 * notification-service.
 */
@Entity
@Table(name = "guardian")
public class Guardian {

    @Id
    private UUID id;
    @Column(name = "school_id", nullable = false, updatable = false)
    private String schoolId;
    @Column(name = "mis_id", nullable = false)
    private String misId;
    @Column(name = "given_name", nullable = false)
    private String givenName;
    @Column(name = "family_name", nullable = false)
    private String familyName;
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Version
    private long version;

    protected Guardian() {
    }

    public Guardian(GuardianId id, String schoolId, GuardianFacts facts, Instant now) {
        this.id = id.value();
        this.schoolId = schoolId;
        this.createdAt = now;
        apply(facts, now);
    }

    public void apply(GuardianFacts facts, Instant now) {
        this.misId = facts.misId();
        this.givenName = facts.givenName();
        this.familyName = facts.familyName();
        this.updatedAt = now;
    }

    public GuardianId id() {
        return new GuardianId(id);
    }

    public String schoolId() {
        return schoolId;
    }

    public GuardianDetails details() {
        return new GuardianDetails(id(), schoolId, new GuardianFacts(misId, givenName, familyName), createdAt,
                updatedAt);
    }

    /** What the MIS says about a guardian. */
    public record GuardianFacts(String misId, String givenName, String familyName) {
    }

    /** A read-only view of a guardian. */
    public record GuardianDetails(GuardianId id, String schoolId, GuardianFacts facts, Instant createdAt,
            Instant updatedAt) {
    }
}
