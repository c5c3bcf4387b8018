package org.chaperone.scheduling.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.chaperone.scheduling.domain.ConsentLine;

/**
 * The consent projection: each guardian's latest decision per consent line. Writes are ordered by decision time
 * (then consent id) inside the upsert itself, so a redelivered or older event arriving late changes nothing.
 */
@ApplicationScoped
public class ConsentLineRepository {

    /** Stands for "no session" in the line key, which cannot hold a null. */
    static final UUID STANDING = new UUID(0L, 0L);

    @Inject
    EntityManager entityManager;

    /** Records the decision unless a later one on the same line is already known; returns whether it did. */
    public boolean record(ConsentLine line, String schoolId) {
        return entityManager.createNativeQuery("""
                insert into consent_line (pupil_id, purpose, guardian_id, scope, line_session, school_id, decision,
                                          consent_id, decided_at, expires_at, updated_at)
                values (:pupil, :purpose, :guardian, :scope, :session, :school, :decision, :consent, :decidedAt,
                        :expiresAt, now())
                on conflict (pupil_id, purpose, guardian_id, scope, line_session) do update
                  set decision = excluded.decision, consent_id = excluded.consent_id,
                      decided_at = excluded.decided_at, expires_at = excluded.expires_at,
                      school_id = excluded.school_id, updated_at = excluded.updated_at
                  where (excluded.decided_at, excluded.consent_id) > (consent_line.decided_at, consent_line.consent_id)
                """)
                .setParameter("pupil", line.pupilId()).setParameter("purpose", line.purpose())
                .setParameter("guardian", line.guardianId()).setParameter("scope", line.scope())
                .setParameter("session", line.sessionId() == null ? STANDING : line.sessionId())
                .setParameter("school", schoolId).setParameter("decision", line.decision())
                .setParameter("consent", line.consentId()).setParameter("decidedAt", line.decidedAt())
                .setParameter("expiresAt", line.expiresAt())
                .executeUpdate() == 1;
    }

    /**
     * Takes a transaction-scoped lock on each pupil, in one statement and a fixed order. A dispatch and a consent
     * change for the same pupil thus happen one after the other, never interleaved: whichever commits second sees
     * what the first did. Always taken before any session lock, so the two cannot deadlock.
     */
    public void lockPupils(Collection<UUID> pupils) {
        if (pupils.isEmpty()) {
            return;
        }
        entityManager.createNativeQuery("""
                select count(pg_advisory_xact_lock(k)) from (
                  select distinct hashtextextended(cast(p as text), 7) as k from unnest(cast(:pupils as uuid[])) p
                  order by k) ordered
                """).setParameter("pupils", pupils.toArray(new UUID[0])).getSingleResult();
    }

    /** Every line of these pupils, grouped by pupil, in one query. */
    public Map<UUID, List<ConsentLine>> linesOf(Collection<UUID> pupils) {
        Map<UUID, List<ConsentLine>> byPupil = new HashMap<>();
        if (pupils.isEmpty()) {
            return byPupil;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                select pupil_id, purpose, guardian_id, scope, line_session, decision, consent_id, decided_at, expires_at
                from consent_line where pupil_id in (:pupils)
                """).setParameter("pupils", pupils).getResultList();
        for (Object[] row : rows) {
            UUID session = (UUID) row[4];
            ConsentLine line = new ConsentLine((UUID) row[0], (String) row[1], (UUID) row[2], (String) row[3],
                    STANDING.equals(session) ? null : session, (String) row[5], (UUID) row[6], instant(row[7]),
                    instant(row[8]));
            byPupil.computeIfAbsent(line.pupilId(), p -> new java.util.ArrayList<>()).add(line);
        }
        return byPupil;
    }

    public void rememberPupil(UUID pupil, String schoolId) {
        entityManager.createNativeQuery("insert into known_pupil (pupil_id, school_id) values (:p, :s) "
                + "on conflict (pupil_id) do nothing").setParameter("p", pupil).setParameter("s", schoolId)
                .executeUpdate();
    }

    /** The school each of these pupils is known to belong to, where consent events have told. */
    public Map<UUID, String> schoolsOf(Collection<UUID> pupils) {
        Map<UUID, String> schools = new HashMap<>();
        if (pupils.isEmpty()) {
            return schools;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(
                "select pupil_id, school_id from known_pupil where pupil_id in (:pupils)")
                .setParameter("pupils", pupils).getResultList();
        rows.forEach(row -> schools.put((UUID) row[0], (String) row[1]));
        return schools;
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        return ((Timestamp) value).toInstant();
    }
}
