package org.chaperone.scheduling.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.chaperone.scheduling.domain.Participant;
import org.chaperone.scheduling.domain.SessionId;

/**
 * A session's pupils. Reached only through a session the caller may see (the session is looked up in scope
 * first), so these finders take the session id.
 */
@ApplicationScoped
public class ParticipantRepository implements PanacheRepositoryBase<Participant, UUID> {

    public List<Participant> ofSession(SessionId session) {
        return list("sessionId = ?1 order by pupilId", session.value());
    }

    public Optional<Participant> ofSession(SessionId session, UUID pupil) {
        return find("sessionId = ?1 and pupilId = ?2", session.value(), pupil).firstResultOptional();
    }
}
