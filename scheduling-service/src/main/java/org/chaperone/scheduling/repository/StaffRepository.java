package org.chaperone.scheduling.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.chaperone.scheduling.domain.StaffMember;
import org.chaperone.runtime.security.SchoolScope;

/** The staff register, always read within a school scope. */
@ApplicationScoped
public class StaffRepository implements PanacheRepositoryBase<StaffMember, UUID> {

    static final String IN_SCOPE = "(:all = true or schoolId in :schools)";

    public Optional<StaffMember> find(String schoolId, String staffId, SchoolScope scope) {
        return find("schoolId = :school and staffId = :staff and " + IN_SCOPE,
                SessionRepository.scoped(scope).and("school", schoolId).and("staff", staffId)).firstResultOptional();
    }

    public List<StaffMember> find(String schoolId, Collection<String> staffIds, SchoolScope scope) {
        return list("schoolId = :school and staffId in :staff and " + IN_SCOPE,
                SessionRepository.scoped(scope).and("school", schoolId).and("staff", staffIds));
    }

    public List<StaffMember> forSchool(String schoolId, SchoolScope scope) {
        return list("schoolId = :school and " + IN_SCOPE + " order by staffId",
                SessionRepository.scoped(scope).and("school", schoolId));
    }
}
