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
    @Column(name = "incident_id", nullable = false)
    private UUID incidentId;
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
        this.id = UUID.randomUUID();
        this.schoolId = schoolId;
        this.incidentId = incident.value();
        this.actor = actor;
        this.actorRoles = String.join(",", new TreeSet<>(actorRoles));
        this.action = action;
        this.reason = reason;
        this.accessedAt = accessedAt;
    }

    public AccessView view() {
        return new AccessView(id, schoolId, new IncidentId(incidentId), actor,
                actorRoles.isEmpty() ? Set.of() : new TreeSet<>(Set.of(actorRoles.split(","))), action, reason,
                accessedAt);
    }

    /** A read-only view of an audit record. */
    public record AccessView(UUID id, String schoolId, IncidentId incidentId, String actor, Set<String> actorRoles,
            AccessAction action, String reason, Instant accessedAt) {
    }
}
