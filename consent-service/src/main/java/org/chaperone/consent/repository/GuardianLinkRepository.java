package org.chaperone.consent.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.chaperone.consent.domain.GuardianId;
import org.chaperone.consent.domain.GuardianLink;
import org.chaperone.consent.domain.PupilId;
import org.chaperone.runtime.security.SchoolScope;

/** Links between pupils and guardians, always read within a school scope. */
@ApplicationScoped
public class GuardianLinkRepository implements PanacheRepositoryBase<GuardianLink, UUID> {

    public Optional<GuardianLink> find(PupilId pupil, GuardianId guardian, SchoolScope scope) {
        return find("pupilId = :pupil and guardianId = :guardian and " + PupilRepository.IN_SCOPE,
                PupilRepository.scoped(scope).and("pupil", pupil.value()).and("guardian", guardian.value()))
                .firstResultOptional();
    }

    public List<GuardianLink> forPupil(PupilId pupil, SchoolScope scope) {
        return list("pupilId = :pupil and " + PupilRepository.IN_SCOPE + " order by updatedAt",
                PupilRepository.scoped(scope).and("pupil", pupil.value()));
    }

    public List<GuardianLink> forPupils(Collection<PupilId> pupils, SchoolScope scope) {
        return list("pupilId in :pupils and " + PupilRepository.IN_SCOPE,
                PupilRepository.scoped(scope).and("pupils", pupils.stream().map(PupilId::value).toList()));
    }

    public List<GuardianLink> forGuardian(GuardianId guardian, SchoolScope scope) {
        return list("guardianId = :guardian and " + PupilRepository.IN_SCOPE,
                PupilRepository.scoped(scope).and("guardian", guardian.value()));
    }
}
