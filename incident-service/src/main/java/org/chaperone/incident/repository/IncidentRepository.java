package org.chaperone.incident.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.chaperone.incident.domain.ConcernAccess;
import org.chaperone.incident.domain.Incident;
import org.chaperone.incident.domain.IncidentId;
import org.chaperone.incident.domain.IncidentStatus;
import org.chaperone.runtime.security.SchoolScope;

/**
 * Concerns, always read within a school scope. The lists also apply {@link ConcernAccess} in the query: a concern
 * routed elsewhere, or naming the caller, is never loaded for them.
 */
@ApplicationScoped
public class IncidentRepository implements PanacheRepositoryBase<Incident, UUID> {

    static final String IN_SCOPE = "(:all = true or schoolId in :schools)";
    static final String VISIBLE = "routedTo in :routes and (concernsStaffId is null or concernsStaffId <> :subject)";
    static final String INVOLVES = "(:pupil member of pupilIds or :pupil member of linkedPupilIds)";

    public Optional<Incident> find(IncidentId id, SchoolScope scope) {
        return find("id = :id and " + IN_SCOPE, scoped(scope).and("id", id.value())).firstResultOptional();
    }

    /** The concern, locked: its chronology grows one entry at a time. */
    public Optional<Incident> findForUpdate(IncidentId id, SchoolScope scope) {
        return find("id = :id and " + IN_SCOPE, scoped(scope).and("id", id.value()))
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    /** The concerns of a school this caller may see: immediate risk first, then newest first. */
    public List<Incident> queue(String schoolId, IncidentStatus status, ConcernAccess access, SchoolScope scope,
            int offset, int limit) {
        if (access.routes().isEmpty()) {
            return List.of();
        }
        Parameters params = scoped(scope).and("school", schoolId).and("routes", access.routes())
                .and("subject", access.subject());
        String query = "schoolId = :school and " + IN_SCOPE + " and " + VISIBLE;
        if (status != null) {
            query += " and status = :status";
            params = params.and("status", status);
        }
        return find(query + " order by immediateRisk desc, raisedAt desc, id", params)
                .range(offset, offset + limit - 1).list();
    }

    /**
     * The concerns of a school involving a pupil (named when raised, or linked since) that this caller may see, in the
     * order they were raised.
     */
    public List<Incident> involvingPupil(String schoolId, UUID pupil, ConcernAccess access, SchoolScope scope) {
        if (access.routes().isEmpty()) {
            return List.of();
        }
        return find("schoolId = :school and " + IN_SCOPE + " and " + VISIBLE + " and " + INVOLVES
                + " order by raisedAt, id", visible(access, scope).and("school", schoolId).and("pupil", pupil)).list();
    }

    /**
     * Every concern of a school involving a pupil, locked, whoever may see them: for the service's own bookkeeping
     * (their retention dates), never to be shown to the caller.
     */
    public List<Incident> involvingPupilForUpdate(String schoolId, UUID pupil, SchoolScope scope) {
        return find("schoolId = :school and " + IN_SCOPE + " and " + INVOLVES + " order by id",
                scoped(scope).and("school", schoolId).and("pupil", pupil))
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    /**
     * Concerns due for retention review (R16) that this caller may see: retention date reached by {@code today}, or
     * unknown. Unknown first (they need a date of birth), then the oldest date.
     */
    public List<Incident> dueForRetentionReview(String schoolId, LocalDate today, ConcernAccess access,
            SchoolScope scope, int offset, int limit) {
        if (access.routes().isEmpty()) {
            return List.of();
        }
        Parameters params = visible(access, scope).and("today", today);
        String query = IN_SCOPE + " and " + VISIBLE + " and (retentionUntil is null or retentionUntil <= :today)";
        if (schoolId != null) {
            query += " and schoolId = :school";
            params = params.and("school", schoolId);
        }
        return find(query + " order by retentionUntil nulls first, raisedAt, id", params)
                .range(offset, offset + limit - 1).list();
    }

    private static Parameters visible(ConcernAccess access, SchoolScope scope) {
        return scoped(scope).and("routes", access.routes()).and("subject", access.subject());
    }

    static Parameters scoped(SchoolScope scope) {
        return Parameters.with("all", scope.allSchools()).and("schools", scope.schoolsForQuery());
    }
}
