package org.chaperone.consent.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.chaperone.consent.domain.ConsentDecision;
import org.chaperone.consent.domain.ConsentId;
import org.chaperone.consent.domain.Decision;
import org.chaperone.consent.domain.Purpose;
import org.chaperone.consent.domain.PupilId;
import org.chaperone.runtime.security.SchoolScope;

/** The append-only consent history, always read within a school scope, oldest first. */
@ApplicationScoped
public class ConsentDecisionRepository implements PanacheRepositoryBase<ConsentDecision, UUID> {

    public Optional<ConsentDecision> find(ConsentId id, SchoolScope scope) {
        return find("id = :id and " + PupilRepository.IN_SCOPE, PupilRepository.scoped(scope).and("id", id.value()))
                .firstResultOptional();
    }

    public List<ConsentDecision> history(PupilId pupil, SchoolScope scope) {
        return list("pupilId = :pupil and " + PupilRepository.IN_SCOPE + " order by seq",
                PupilRepository.scoped(scope).and("pupil", pupil.value()));
    }

    public List<ConsentDecision> history(Collection<PupilId> pupils, Purpose purpose, SchoolScope scope) {
        return list("pupilId in :pupils and purpose = :purpose and " + PupilRepository.IN_SCOPE + " order by seq",
                PupilRepository.scoped(scope).and("pupils", pupils.stream().map(PupilId::value).toList())
                        .and("purpose", purpose));
    }

    /** Whether a later entry on the same line (same guardian, purpose, scope, session) follows this one. */
    public boolean isSuperseded(ConsentDecision decision) {
        var terms = decision.terms();
        return find("""
                from ConsentDecision d where d.pupilId = ?1 and d.guardianId = ?2 and d.purpose = ?3
                  and d.scope = ?4 and ((?5 is null and d.sessionId is null) or d.sessionId = ?5)
                  and d.seq > (select e.seq from ConsentDecision e where e.id = ?6)
                """, decision.pupilId().value(), decision.guardianId().value(), terms.purpose(), terms.scope(),
                terms.sessionId(), decision.id().value()).count() > 0;
    }

    /**
     * Grants past their expiry date that nothing has followed yet, locked so that two replicas do not expire the
     * same grant twice.
     */
    public List<ConsentDecision> lapsedGrants(Instant now, int limit) {
        return find("""
                from ConsentDecision d where d.decision = ?1 and d.expiresAt <= ?2 and not exists (
                  select 1 from ConsentDecision later where later.pupilId = d.pupilId
                    and later.guardianId = d.guardianId and later.purpose = d.purpose and later.scope = d.scope
                    and ((later.sessionId is null and d.sessionId is null) or later.sessionId = d.sessionId)
                    and later.seq > d.seq)
                order by d.expiresAt
                """, Decision.GRANTED, now)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .withHint("jakarta.persistence.lock.timeout", -2)
                .page(0, limit).list();
    }
}
