package org.chaperone.incident.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.chaperone.incident.domain.AccessRecord;
import org.chaperone.incident.domain.IncidentId;
import org.chaperone.runtime.security.SchoolScope;

/** The access audit, append-only, always read within a school scope, newest first. */
@ApplicationScoped
public class AccessAuditRepository implements PanacheRepositoryBase<AccessRecord, UUID> {

    public List<AccessRecord> search(String schoolId, IncidentId incident, UUID pupil, String actor,
            SchoolScope scope, int offset, int limit) {
        Parameters params = IncidentRepository.scoped(scope);
        StringBuilder query = new StringBuilder(IncidentRepository.IN_SCOPE);
        if (schoolId != null) {
            query.append(" and schoolId = :school");
            params = params.and("school", schoolId);
        }
        if (incident != null) {
            query.append(" and incidentId = :incident");
            params = params.and("incident", incident.value());
        }
        if (pupil != null) {
            query.append(" and pupilId = :pupil");
            params = params.and("pupil", pupil);
        }
        if (actor != null) {
            query.append(" and actor = :actor");
            params = params.and("actor", actor);
        }
        return find(query + " order by seq desc", params).range(offset, offset + limit - 1).list();
    }
}
