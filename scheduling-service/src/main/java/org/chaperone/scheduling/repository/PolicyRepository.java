package org.chaperone.scheduling.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.chaperone.scheduling.domain.PolicyVersion;

/** Versions of each school's policy. A school's policy is public within the school, so no finer scope applies. */
@ApplicationScoped
public class PolicyRepository implements PanacheRepositoryBase<PolicyVersion, PolicyVersion.Key> {

    public Optional<PolicyVersion> latest(String schoolId) {
        return find("schoolId = ?1 order by version desc", schoolId).firstResultOptional();
    }
}
