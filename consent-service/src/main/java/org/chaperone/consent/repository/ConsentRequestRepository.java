package org.chaperone.consent.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.chaperone.consent.domain.ConsentRequest;
import org.chaperone.consent.domain.ConsentRequestId;
import org.chaperone.consent.domain.PupilId;
import org.chaperone.runtime.security.SchoolScope;

/** Consent requests, always read within a school scope. */
@ApplicationScoped
public class ConsentRequestRepository implements PanacheRepositoryBase<ConsentRequest, UUID> {

    public Optional<ConsentRequest> find(ConsentRequestId id, SchoolScope scope) {
        return find("id = :id and " + PupilRepository.IN_SCOPE, PupilRepository.scoped(scope).and("id", id.value()))
                .firstResultOptional();
    }

    /** Requests that cover any of these pupils, newest first. */
    public List<ConsentRequest> coveringAny(Collection<PupilId> pupils, SchoolScope scope) {
        return list("select distinct r from ConsentRequest r join r.pupilIds p where p in :pupils and "
                        + "(:all = true or r.schoolId in :schools) order by r.requestedAt desc",
                PupilRepository.scoped(scope).and("pupils", pupils.stream().map(PupilId::value).toList()));
    }
}
