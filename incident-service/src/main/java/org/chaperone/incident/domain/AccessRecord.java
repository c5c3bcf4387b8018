package org.chaperone.incident.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/** One read of a concern in the access audit: who, which concern, when, and why. Never changed or removed. */
@Entity
@Immutable
@Table(name = "access_audit")
public class AccessRecord {

    @Id
    private UUID id;
    @Column(insertable = false, updatable = false)
    private Long seq;
    @Column(name = "school_id", nullable = false)
    private String schoolId;
    /** Null for a read of a pupil's file that found no concern: then {@code pupilId} says what was read. */
    @Column(name = "incident_id")
    private UUID incidentId;
    @Column(name = "pupil_id")
    private UUID pupilId;
    @Column(nullable = false)
    private String actor;
    @Column(name = "actor_roles", nullable = false)
    private String actorRoles;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private AccessAction action;
    @Column(nullable = false)
    private String reason;
    @Column(name = "accessed_at", nullable = false)
    private Instant accessedAt;

    protected AccessRecord() {
    }

    public AccessRecord(String schoolId, IncidentId incident, String actor, Set<String> actorRoles,
            AccessAction action, String reason, Instant accessedAt) {
        this(schoolId, incident, null, actor, actorRoles, action, reason, accessedAt);
    }

    /** A read of a pupil's file: of one of their concerns, or (with no incident) of a file that held none. */
    public AccessRecord(String schoolId, IncidentId incident, UUID pupilId, String actor, Set<String> actorRoles,
            AccessAction action, String reason, Instant accessedAt) {
        if (incident == null && pupilId == null) {
            throw new IllegalArgumentException("an access record names the concern or the pupil read");
        }
        this.id = UUID.randomUUID();
        this.schoolId = schoolId;
        this.incidentId = incident == null ? null : incident.value();
        this.pupilId = pupilId;
        this.actor = actor;
        this.actorRoles = String.join(",", new TreeSet<>(actorRoles));
        this.action = action;
        this.reason = reason;
        this.accessedAt = accessedAt;
    }

    public AccessView view() {
        return new AccessView(id, schoolId, incidentId == null ? null : new IncidentId(incidentId), pupilId, actor,
                actorRoles.isEmpty() ? Set.of() : new TreeSet<>(Set.of(actorRoles.split(","))), action, reason,
                accessedAt);
    }

    /** A read-only view of an audit record. */
    public record AccessView(UUID id, String schoolId, IncidentId incidentId, UUID pupilId, String actor,
            Set<String> actorRoles, AccessAction action, String reason, Instant accessedAt) {
    }
}
