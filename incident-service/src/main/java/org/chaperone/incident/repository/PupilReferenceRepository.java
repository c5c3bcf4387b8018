package org.chaperone.incident.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.chaperone.incident.domain.PupilReference;
import org.chaperone.runtime.security.SchoolScope;

/**
 * Pupils' dates of birth, per school, always read within a school scope. Written with one upsert statement each, so
 * two writers for the same pupil never collide on the unique key (raising a concern must never fail on it).
 */
@ApplicationScoped
public class PupilReferenceRepository implements PanacheRepositoryBase<PupilReference, UUID> {

    public Optional<PupilReference> find(String schoolId, UUID pupil, SchoolScope scope) {
        return find("schoolId = :school and pupilId = :pupil and " + IncidentRepository.IN_SCOPE,
                IncidentRepository.scoped(scope).and("school", schoolId).and("pupil", pupil)).firstResultOptional();
    }

    /** The dates of birth known for these pupils of a school; a pupil with none is absent. */
    public Map<UUID, LocalDate> datesOfBirth(String schoolId, Collection<UUID> pupils, SchoolScope scope) {
        Map<UUID, LocalDate> found = new HashMap<>();
        if (pupils.isEmpty()) {
            return found;
        }
        list("schoolId = :school and pupilId in :pupils and " + IncidentRepository.IN_SCOPE,
                IncidentRepository.scoped(scope).and("school", schoolId).and("pupils", pupils))
                .forEach(reference -> found.put(reference.pupilId(), reference.dateOfBirth()));
        return found;
    }

    /** The school's own record (school app or office): replaces whatever was known. */
    public void recordFromSchool(PupilReference reference) {
        upsert(reference, """
                on conflict (school_id, pupil_id) do update set date_of_birth = excluded.date_of_birth,
                    source = excluded.source, recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at
                """);
    }

    /** A date of birth sent with a concern: kept only while the school has recorded none. */
    public void recordIfAbsent(PupilReference reference) {
        upsert(reference, "on conflict (school_id, pupil_id) do nothing");
    }

    private void upsert(PupilReference reference, String onConflict) {
        getEntityManager().createNativeQuery("""
                insert into pupil_reference (id, school_id, pupil_id, date_of_birth, source, recorded_by, recorded_at)
                values (:id, :school, :pupil, :born, :source, :by, :at)
                """ + onConflict)
                .setParameter("id", reference.id()).setParameter("school", reference.schoolId())
                .setParameter("pupil", reference.pupilId()).setParameter("born", reference.dateOfBirth())
                .setParameter("source", reference.source().name()).setParameter("by", reference.recordedBy())
                .setParameter("at", reference.recordedAt())
                .executeUpdate();
    }
}
