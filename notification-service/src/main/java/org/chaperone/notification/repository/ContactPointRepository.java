package org.chaperone.notification.repository;

import static org.chaperone.notification.repository.Scopes.IN_SCOPE;
import static org.chaperone.notification.repository.Scopes.scoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.chaperone.notification.domain.ContactPoint;
import org.chaperone.notification.domain.PersonType;
import org.chaperone.runtime.security.SchoolScope;

/** Contact points, always read within a school scope. */
@ApplicationScoped
public class ContactPointRepository implements PanacheRepositoryBase<ContactPoint, UUID> {

    public Optional<ContactPoint> find(String schoolId, PersonType type, String personId, SchoolScope scope) {
        return find("schoolId = :school and personType = :type and personId = :person and " + IN_SCOPE,
                scoped(scope).and("school", schoolId).and("type", type).and("person", personId))
                .firstResultOptional();
    }

    /** The contact points of several people of one school, in one query. */
    public List<ContactPoint> find(String schoolId, PersonType type, Collection<String> personIds, SchoolScope scope) {
        if (personIds.isEmpty()) {
            return List.of();
        }
        return list("schoolId = :school and personType = :type and personId in :people and " + IN_SCOPE,
                scoped(scope).and("school", schoolId).and("type", type).and("people", personIds));
    }

    /** Erases one person's contact point (they left the school, or asked to be forgotten). */
    public boolean erase(String schoolId, PersonType type, String personId, SchoolScope scope) {
        return delete("schoolId = :school and personType = :type and personId = :person and " + IN_SCOPE,
                scoped(scope).and("school", schoolId).and("type", type).and("person", personId)) > 0;
    }
}
