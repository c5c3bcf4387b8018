package org.chaperone.incident.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.chaperone.incident.config.IncidentConfig;
import org.chaperone.incident.domain.DateOfBirth;
import org.chaperone.incident.domain.Incident;
import org.chaperone.incident.domain.IncidentId;
import org.chaperone.incident.domain.Retention;
import org.chaperone.incident.repository.PupilReferenceRepository;
import org.chaperone.runtime.security.SchoolScope;

/**
 * Keeps each concern's retention date (R16) in step with the dates of birth known for the pupils it involves: when it
 * is raised, when a pupil is linked to it, and when a school records a pupil's date of birth. Runs in the caller's
 * transaction.
 */
@ApplicationScoped
public class RetentionDates {

    @Inject
    PupilReferenceRepository references;
    @Inject
    IncidentConfig config;

    /** Recomputes the retention of concerns of one school from the dates of birth now known. */
    public void refresh(String schoolId, Collection<Incident> concerns, SchoolScope scope) {
        Set<UUID> pupils = new LinkedHashSet<>();
        concerns.forEach(concern -> pupils.addAll(concern.involvedPupils()));
        Map<UUID, LocalDate> born = references.datesOfBirth(schoolId, pupils, scope);
        concerns.forEach(concern -> concern.applyRetention(Retention.of(concern.involvedPupils(), born)));
    }

    /** For each concern, the pupils it involves whose date of birth is not known (one query per school). */
    public Map<IncidentId, List<UUID>> withoutDateOfBirth(List<Incident> concerns, SchoolScope scope) {
        Map<String, Set<UUID>> pupilsBySchool = new HashMap<>();
        concerns.forEach(concern -> pupilsBySchool.computeIfAbsent(concern.schoolId(), school -> new HashSet<>())
                .addAll(concern.involvedPupils()));
        Map<String, Map<UUID, LocalDate>> born = new HashMap<>();
        pupilsBySchool.forEach((school, pupils) -> born.put(school, references.datesOfBirth(school, pupils, scope)));
        Map<IncidentId, List<UUID>> missing = new HashMap<>();
        concerns.forEach(concern -> missing.put(concern.id(), concern.involvedPupils().stream()
                .filter(pupil -> !born.get(concern.schoolId()).containsKey(pupil)).toList()));
        return missing;
    }

    public LocalDate today() {
        return LocalDate.now(config.timeZone());
    }

    /** The rule a date of birth breaks today, if any. */
    public Optional<String> broken(LocalDate dateOfBirth) {
        return DateOfBirth.broken(dateOfBirth, today());
    }
}
