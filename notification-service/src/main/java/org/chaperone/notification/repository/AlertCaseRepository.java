package org.chaperone.notification.repository;

import static org.chaperone.notification.repository.Scopes.IN_SCOPE;
import static org.chaperone.notification.repository.Scopes.IN_SCOPE_SQL;
import static org.chaperone.notification.repository.Scopes.scoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.chaperone.notification.domain.AlertCase;
import org.chaperone.runtime.security.SchoolScope;

/** Incident alerts and their escalation clocks, always read within a school scope. */
@ApplicationScoped
public class AlertCaseRepository implements PanacheRepositoryBase<AlertCase, UUID> {

    /** The alert of an incident, locked for update: events about one incident are applied one at a time. */
    public Optional<AlertCase> lock(UUID incidentId, SchoolScope scope) {
        return find("incidentId = :id and " + IN_SCOPE, scoped(scope).and("id", incidentId))
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    public Optional<AlertCase> find(UUID incidentId, SchoolScope scope) {
        return find("incidentId = :id and " + IN_SCOPE, scoped(scope).and("id", incidentId)).firstResultOptional();
    }

    /**
     * Up to {@code limit} open alerts whose window ran out by {@code now}, locked {@code FOR UPDATE SKIP LOCKED}: two
     * clocks (two replicas) never take the same alert, so no step fires twice.
     */
    @SuppressWarnings("unchecked")
    public List<AlertCase> lockDue(Instant now, int limit, SchoolScope scope) {
        return getEntityManager().createNativeQuery("""
                select * from alert_escalation
                where status = 'OPEN' and next_step_at <= :now and %s
                order by next_step_at
                limit :limit
                for update skip locked
                """.formatted(IN_SCOPE_SQL), AlertCase.class)
                .setParameter("now", now).setParameter("limit", limit)
                .setParameter("all", scope.allSchools()).setParameter("schools", scope.schoolsForQuery())
                .getResultList();
    }
}
