package org.chaperone.incident.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.chaperone.incident.domain.AccessAction;
import org.chaperone.incident.domain.AccessRecord;
import org.chaperone.incident.domain.ChainVerification;
import org.chaperone.incident.domain.ChronologyEntry;
import org.chaperone.incident.domain.ChronologyEntry.EntryView;
import org.chaperone.incident.domain.ConcernAccess;
import org.chaperone.incident.domain.DateOfBirth;
import org.chaperone.incident.domain.Incident;
import org.chaperone.incident.domain.IncidentId;
import org.chaperone.incident.domain.PupilReference;
import org.chaperone.incident.domain.Retention;
import org.chaperone.incident.domain.Routing;
import org.chaperone.incident.repository.AccessAuditRepository;
import org.chaperone.incident.repository.ChronologyRepository;
import org.chaperone.incident.repository.IncidentRepository;
import org.chaperone.incident.repository.PupilReferenceRepository;
import org.chaperone.incident.service.IncidentCommands.ChildProtectionFile;
import org.chaperone.incident.service.IncidentCommands.FileConcern;
import org.chaperone.incident.service.IncidentCommands.PupilChronology;
import org.chaperone.incident.service.IncidentCommands.PupilQuery;
import org.chaperone.incident.service.IncidentCommands.RecordDateOfBirth;
import org.chaperone.incident.service.IncidentCommands.RetentionReviewItem;
import org.chaperone.incident.service.IncidentCommands.RetentionReviewQuery;
import org.chaperone.runtime.problem.InvalidRequestException;
import org.chaperone.runtime.problem.RecordNotFoundException;
import org.chaperone.runtime.security.Caller;

/**
 * A pupil's safeguarding record across concerns: their chronology, their child-protection file for transfer to a new
 * school (KCSIE: within 5 school days), the pupil reference (date of birth) that sets retention, and the retention
 * review (R16). Every read of a concern here is written to the access audit with its reason, in the same transaction.
 * A pupil is known in a school when the school recorded their date of birth or a concern the caller may see involves
 * them; otherwise, and for another school, the answer is 404.
 */
@ApplicationScoped
public class ChildProtectionFiles {

    private static final String PUPIL = "pupil";

    @Inject
    IncidentRepository incidents;
    @Inject
    ChronologyRepository chronology;
    @Inject
    AccessAuditRepository audit;
    @Inject
    PupilReferenceRepository references;
    @Inject
    RetentionDates retention;
    @Inject
    Caller caller;

    /** Every concern involving the pupil that the caller may see, and all their entries in time order. */
    @Transactional
    public PupilChronology chronology(PupilQuery query) {
        caller.requireSchool(query.schoolId(), PUPIL);
        List<Incident> concerns = incidents.involvingPupil(query.schoolId(), query.pupil(), access(), caller.scope());
        Optional<PupilReference> reference = known(query, concerns);
        audit(query, concerns, AccessAction.READ_PUPIL_CHRONOLOGY);
        Map<IncidentId, Incident> byId = byId(concerns);
        List<EntryView> entries = chronology.ofIncidents(byId.keySet(), caller.scope()).stream()
                .map(ChronologyEntry::view)
                .sorted(Comparator.comparing(EntryView::recordedAt)
                        .thenComparing(entry -> byId.get(entry.incidentId()).raisedAt())
                        .thenComparing(entry -> entry.incidentId().toString())
                        .thenComparingInt(EntryView::seq))
                .toList();
        return new PupilChronology(query.schoolId(), query.pupil(),
                reference.map(PupilReference::dateOfBirth).orElse(null),
                concerns.stream().map(Incident::summary).toList(), entries);
    }

    /**
     * The pupil's child-protection file: the DSL team's concerns involving them (a staff-conduct concern belongs to
     * the allegation's own record, never to a file sent to another school), each with every entry in sequence and
     * the verification of its hash chain.
     */
    @Transactional
    public ChildProtectionFile export(PupilQuery query) {
        caller.requireSchool(query.schoolId(), PUPIL);
        List<Incident> concerns = incidents.involvingPupil(query.schoolId(), query.pupil(),
                access().limitedTo(Routing.DSL_TEAM), caller.scope());
        Optional<PupilReference> reference = known(query, concerns);
        audit(query, concerns, AccessAction.EXPORTED_CHILD_PROTECTION_FILE);
        Map<IncidentId, Incident> byId = byId(concerns);
        Map<IncidentId, List<ChronologyEntry>> entries = new LinkedHashMap<>();
        byId.keySet().forEach(id -> entries.put(id, new ArrayList<>()));
        chronology.ofIncidents(byId.keySet(), caller.scope())
                .forEach(entry -> entries.get(entry.view().incidentId()).add(entry));
        List<FileConcern> file = new ArrayList<>();
        for (Incident concern : concerns) {
            List<ChronologyEntry> chain = entries.get(concern.id());
            List<UUID> others = concern.involvedPupils().stream().filter(pupil -> !pupil.equals(query.pupil()))
                    .toList();
            file.add(new FileConcern(concern.summary(), others, ChainVerification.of(concern.id(), chain,
                    concern.lastEntrySeq(), concern.lastEntryHash()),
                    chain.stream().map(ChronologyEntry::view).toList()));
        }
        LocalDate born = reference.map(PupilReference::dateOfBirth).orElse(null);
        Retention own = Retention.of(List.of(query.pupil()), born == null ? Map.of() : Map.of(query.pupil(), born));
        return new ChildProtectionFile(query.schoolId(), query.pupil(), born, own, now(), caller.subject(),
                query.reason(), file.stream().allMatch(concern -> concern.verification().valid()), file);
    }

    /**
     * Records a pupil's date of birth from the school app or office, replacing any known, and brings the retention of
     * the pupil's concerns up to date. The answer says nothing about concerns: office staff must not learn of them.
     */
    @Transactional
    public PupilReference.View recordDateOfBirth(RecordDateOfBirth command) {
        caller.requireSchool(command.schoolId(), "school");
        retention.broken(command.dateOfBirth()).ifPresent(rule -> {
            throw new InvalidRequestException("dateOfBirth", rule, DateOfBirth.message(rule));
        });
        references.recordFromSchool(new PupilReference(command.schoolId(), command.pupil(), command.dateOfBirth(),
                PupilReference.Source.SCHOOL_RECORD, caller.subject(), now()));
        retention.refresh(command.schoolId(), incidents.involvingPupilForUpdate(command.schoolId(), command.pupil(),
                caller.scope()), caller.scope());
        return references.find(command.schoolId(), command.pupil(), caller.scope())
                .orElseThrow(() -> new IllegalStateException("the pupil reference just recorded is not there"))
                .view();
    }

    /** Concerns the caller may see whose retention date has come, or is unknown (R16); each listed is audited. */
    @Transactional
    public List<RetentionReviewItem> retentionReview(RetentionReviewQuery query) {
        if (query.schoolId() != null) {
            caller.requireSchool(query.schoolId(), "school");
        }
        List<Incident> due = incidents.dueForRetentionReview(query.schoolId(), retention.today(), access(),
                caller.scope(), query.offset(), query.limit());
        due.forEach(concern -> audit.persist(new AccessRecord(concern.schoolId(), concern.id(), caller.subject(),
                caller.roles(), AccessAction.LISTED_FOR_RETENTION_REVIEW, query.reason(), now())));
        Map<IncidentId, List<UUID>> missing = retention.withoutDateOfBirth(due, caller.scope());
        return due.stream().map(concern -> new RetentionReviewItem(concern.summary(), missing.get(concern.id())))
                .toList();
    }

    /** The pupil's reference; 404 unless the school recorded one or a concern the caller may see involves them. */
    private Optional<PupilReference> known(PupilQuery query, List<Incident> concerns) {
        Optional<PupilReference> reference = references.find(query.schoolId(), query.pupil(), caller.scope());
        if (reference.isEmpty() && concerns.isEmpty()) {
            throw new RecordNotFoundException(PUPIL);
        }
        return reference;
    }

    /** One audit record per concern read, naming the pupil; a file read that held no concern names the pupil alone. */
    private void audit(PupilQuery query, List<Incident> concerns, AccessAction action) {
        Instant now = now();
        if (concerns.isEmpty()) {
            audit.persist(new AccessRecord(query.schoolId(), null, query.pupil(), caller.subject(), caller.roles(),
                    action, query.reason(), now));
        }
        concerns.forEach(concern -> audit.persist(new AccessRecord(concern.schoolId(), concern.id(), query.pupil(),
                caller.subject(), caller.roles(), action, query.reason(), now)));
    }

    private static Map<IncidentId, Incident> byId(List<Incident> concerns) {
        Map<IncidentId, Incident> byId = new LinkedHashMap<>();
        concerns.forEach(concern -> byId.put(concern.id(), concern));
        return byId;
    }

    private ConcernAccess access() {
        return ConcernAccess.of(caller.subject(), caller.roles());
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
