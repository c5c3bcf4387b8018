package org.chaperone.consent.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;
import org.chaperone.consent.domain.Guardian;
import org.chaperone.consent.domain.GuardianId;
import org.chaperone.runtime.security.SchoolScope;

/** Guardians, always read within a school scope. */
@ApplicationScoped
public class GuardianRepository implements PanacheRepositoryBase<Guardian, UUID> {

    public Optional<Guardian> find(GuardianId id, SchoolScope scope) {
        return find("id = :id and " + PupilRepository.IN_SCOPE, PupilRepository.scoped(scope).and("id", id.value()))
                .firstResultOptional();
    }

    public boolean existsByMisId(String schoolId, String misId, GuardianId except) {
        return count("schoolId = ?1 and misId = ?2 and id <> ?3", schoolId, misId, except.value()) > 0;
    }
}
