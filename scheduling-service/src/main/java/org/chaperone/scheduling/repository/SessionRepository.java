package org.chaperone.scheduling.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.chaperone.scheduling.domain.Session;
import org.chaperone.scheduling.domain.SessionId;
import org.chaperone.runtime.security.SchoolScope;

/** Sessions, always read within a school scope. */
@ApplicationScoped
public class SessionRepository implements PanacheRepositoryBase<Session, UUID> {

    static final String IN_SCOPE = "(:all = true or schoolId in :schools)";

    public Optional<Session> find(SessionId id, SchoolScope scope) {
        return find("id = :id and " + IN_SCOPE, scoped(scope).and("id", id.value())).firstResultOptional();
    }

    /** The session, locked: changes to one session and its invites are made one at a time. */
    public Optional<Session> findForUpdate(SessionId id, SchoolScope scope) {
        return find("id = :id and " + IN_SCOPE, scoped(scope).and("id", id.value()))
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    public List<Session> between(String schoolId, Instant from, Instant to, SchoolScope scope) {
        return list("schoolId = :school and startsAt >= :from and startsAt < :to and " + IN_SCOPE
                        + " order by startsAt", scoped(scope).and("school", schoolId).and("from", from).and("to", to));
    }

    /** For each pupil, how many other open sessions they are in that start within [from, to). One query. */
    public Map<UUID, Integer> openSessionsPerPupil(Collection<UUID> pupils, Instant from, Instant to,
            SessionId except) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = getEntityManager().createNativeQuery("""
                select p.pupil_id, count(*) from session_participant p join session s on s.id = p.session_id
                where p.pupil_id in (:pupils) and s.starts_at >= :from and s.starts_at < :to and s.id <> :except
                  and s.status in ('PENDING_APPROVAL', 'SCHEDULED', 'LIVE', 'ENDED')
                group by p.pupil_id
                """).setParameter("pupils", pupils).setParameter("from", from).setParameter("to", to)
                .setParameter("except", except.value()).getResultList();
        Map<UUID, Integer> counts = new HashMap<>();
        rows.forEach(row -> counts.put((UUID) row[0], ((Number) row[1]).intValue()));
        return counts;
    }

    /** Sessions, not yet over, whose invites went out and that include this pupil: a consent change touches them. */
    public List<Session> dispatchedOpenSessionsOf(UUID pupil, Instant now) {
        return list("""
                select s from Session s where s.dispatchedAt is not null and s.endsAt > ?1
                  and s.status in (org.chaperone.scheduling.domain.SessionStatus.SCHEDULED,
                                   org.chaperone.scheduling.domain.SessionStatus.LIVE)
                  and exists (select 1 from Participant p where p.sessionId = s.id and p.pupilId = ?2)
                """, now, pupil);
    }

    static Parameters scoped(SchoolScope scope) {
        return Parameters.with("all", scope.allSchools()).and("schools", scope.schoolsForQuery());
    }
}
