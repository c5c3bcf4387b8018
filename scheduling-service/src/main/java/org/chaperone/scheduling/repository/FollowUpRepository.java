package org.chaperone.scheduling.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.chaperone.runtime.security.SchoolScope;
import org.chaperone.scheduling.domain.FollowUp;

/** Follow-ups of pupils who did not join, always read within a school scope. */
@ApplicationScoped
public class FollowUpRepository implements PanacheRepositoryBase<FollowUp, UUID> {

    public Optional<FollowUp> find(UUID id, SchoolScope scope) {
        return find("id = :id and " + SessionRepository.IN_SCOPE, SessionRepository.scoped(scope).and("id", id))
                .firstResultOptional();
    }

    public List<FollowUp> open(String schoolId, SchoolScope scope) {
        return list("schoolId = :school and closedAt is null and " + SessionRepository.IN_SCOPE + " order by raisedAt",
                SessionRepository.scoped(scope).and("school", schoolId));
    }
}
