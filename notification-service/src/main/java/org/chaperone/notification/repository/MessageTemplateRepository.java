package org.chaperone.notification.repository;

import static org.chaperone.notification.repository.Scopes.IN_SCOPE;
import static org.chaperone.notification.repository.Scopes.scoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import org.chaperone.notification.domain.MessageKind;
import org.chaperone.notification.domain.MessageTemplate;
import org.chaperone.notification.domain.MessageTemplate.Key;
import org.chaperone.notification.domain.MessageTemplate.Part;
import org.chaperone.runtime.security.SchoolScope;

/** Schools' own templates, always read within a school scope. */
@ApplicationScoped
public class MessageTemplateRepository implements PanacheRepositoryBase<MessageTemplate, Key> {

    private static final String SCHOOL = "key.schoolId = :school and ";
    private static final String IN_SCOPE_KEY = IN_SCOPE.replace("schoolId", "key.schoolId");

    public Optional<MessageTemplate> find(String schoolId, MessageKind kind, Part part, SchoolScope scope) {
        return find(SCHOOL + "key.kind = :kind and key.part = :part and " + IN_SCOPE_KEY,
                scoped(scope).and("school", schoolId).and("kind", kind).and("part", part)).firstResultOptional();
    }

    public List<MessageTemplate> forSchool(String schoolId, SchoolScope scope) {
        return find(SCHOOL + IN_SCOPE_KEY + " order by key.kind, key.part", scoped(scope).and("school", schoolId))
                .list();
    }

    /** Removes a template found through {@link #find}, that is within the caller's scope. */
    public void remove(MessageTemplate template) {
        delete(template);
    }
}
