package org.chaperone.notification.repository;

import static org.chaperone.notification.repository.Scopes.IN_SCOPE;
import static org.chaperone.notification.repository.Scopes.scoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.chaperone.notification.domain.StatusWebhook;
import org.chaperone.runtime.security.SchoolScope;

/** The schools' status webhooks, always read within a school scope. */
@ApplicationScoped
public class StatusWebhookRepository implements PanacheRepositoryBase<StatusWebhook, String> {

    public Optional<StatusWebhook> find(String schoolId, SchoolScope scope) {
        return find("schoolId = :school and " + IN_SCOPE, scoped(scope).and("school", schoolId))
                .firstResultOptional();
    }

    /** The webhooks of several schools, in one query. */
    public List<StatusWebhook> find(Collection<String> schoolIds, SchoolScope scope) {
        return schoolIds.isEmpty() ? List.of()
                : list("schoolId in :ids and " + IN_SCOPE, scoped(scope).and("ids", schoolIds));
    }

    public boolean erase(String schoolId, SchoolScope scope) {
        return delete("schoolId = :school and " + IN_SCOPE, scoped(scope).and("school", schoolId)) > 0;
    }
}
