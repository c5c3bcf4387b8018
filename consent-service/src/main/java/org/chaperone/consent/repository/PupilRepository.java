package org.chaperone.consent.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.chaperone.consent.domain.Pupil;
import org.chaperone.consent.domain.PupilId;
import org.chaperone.runtime.security.SchoolScope;

/** Pupils, always read within a school scope. */
@ApplicationScoped
public class PupilRepository implements PanacheRepositoryBase<Pupil, UUID> {

    static final String IN_SCOPE = "(:all = true or schoolId in :schools)";

    public Optional<Pupil> find(PupilId id, SchoolScope scope) {
        return find("id = :id and " + IN_SCOPE, scoped(scope).and("id", id.value())).firstResultOptional();
    }

    /** The pupil, locked for the rest of the transaction: decisions about one pupil are made one at a time. */
    public Optional<Pupil> findForUpdate(PupilId id, SchoolScope scope) {
        return find("id = :id and " + IN_SCOPE, scoped(scope).and("id", id.value()))
                .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    public List<Pupil> findAll(Collection<PupilId> ids, SchoolScope scope) {
        return list("id in :ids and " + IN_SCOPE,
                scoped(scope).and("ids", ids.stream().map(PupilId::value).toList()));
    }

    public List<Pupil> listBySchool(String schoolId, String className, SchoolScope scope, int offset, int limit) {
        Parameters params = scoped(scope).and("school", schoolId);
        String query = "schoolId = :school and " + IN_SCOPE;
        if (className != null) {
            query += " and className = :className";
            params = params.and("className", className);
        }
        return find(query + " order by familyName, givenName, id", params).range(offset, offset + limit - 1).list();
    }

    public boolean existsByMisId(String schoolId, String misId, PupilId except) {
        return count("schoolId = ?1 and misId = ?2 and id <> ?3", schoolId, misId, except.value()) > 0;
    }

    public boolean existsByUpn(String schoolId, String upn, PupilId except) {
        return count("schoolId = ?1 and upn = ?2 and id <> ?3", schoolId, upn, except.value()) > 0;
    }

    static Parameters scoped(SchoolScope scope) {
        return Parameters.with("all", scope.allSchools()).and("schools", scope.schoolsForQuery());
    }
}
