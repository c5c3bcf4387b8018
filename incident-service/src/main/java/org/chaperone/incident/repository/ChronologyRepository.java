package org.chaperone.incident.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.chaperone.incident.domain.ChronologyEntry;
import org.chaperone.incident.domain.IncidentId;
import org.chaperone.runtime.security.SchoolScope;

/** Chronology entries, append-only, always read within a school scope, in sequence order. */
@ApplicationScoped
public class ChronologyRepository implements PanacheRepositoryBase<ChronologyEntry, UUID> {

    public List<ChronologyEntry> chronology(IncidentId incident, SchoolScope scope) {
        return list("incidentId = :incident and " + IncidentRepository.IN_SCOPE + " order by seq",
                IncidentRepository.scoped(scope).and("incident", incident.value()));
    }

    /** The entries of several concerns, each concern's in sequence order. */
    public List<ChronologyEntry> ofIncidents(Collection<IncidentId> incidents, SchoolScope scope) {
        if (incidents.isEmpty()) {
            return List.of();
        }
        return list("incidentId in :incidents and " + IncidentRepository.IN_SCOPE + " order by incidentId, seq",
                IncidentRepository.scoped(scope).and("incidents",
                        incidents.stream().map(IncidentId::value).toList()));
    }

    /** The entry that raised the concern: what happened, in the raiser's words. */
    public Optional<ChronologyEntry> first(IncidentId incident, SchoolScope scope) {
        return find("incidentId = :incident and seq = 1 and " + IncidentRepository.IN_SCOPE,
                IncidentRepository.scoped(scope).and("incident", incident.value())).firstResultOptional();
    }
}
