package org.chaperone.notification.repository;

import static org.chaperone.notification.repository.Scopes.IN_SCOPE;
import static org.chaperone.notification.repository.Scopes.scoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.chaperone.notification.domain.SafeguardingRota;
import org.chaperone.runtime.security.SchoolScope;

/** Each school's safeguarding rota, always read within a school scope. */
@ApplicationScoped
public class RotaRepository implements PanacheRepositoryBase<SafeguardingRota, String> {

    public Optional<SafeguardingRota> find(String schoolId, SchoolScope scope) {
        return find("schoolId = :school and " + IN_SCOPE, scoped(scope).and("school", schoolId)).firstResultOptional();
    }
}
