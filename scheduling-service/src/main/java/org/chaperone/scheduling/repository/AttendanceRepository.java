package org.chaperone.scheduling.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.chaperone.scheduling.domain.Attendance;
import org.chaperone.scheduling.domain.SessionId;

/** Attendance, reached only through a session the caller may see (looked up in scope first). */
@ApplicationScoped
public class AttendanceRepository implements PanacheRepositoryBase<Attendance, UUID> {

    public List<Attendance> ofSession(SessionId session) {
        return list("sessionId = ?1 order by pupilId", session.value());
    }

    public boolean recorded(SessionId session, UUID pupil) {
        return count("sessionId = ?1 and pupilId = ?2", session.value(), pupil) > 0;
    }
}
