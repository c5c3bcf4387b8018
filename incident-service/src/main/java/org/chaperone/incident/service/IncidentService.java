package org.chaperone.incident.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.chaperone.incident.config.IncidentConfig;
import org.chaperone.incident.domain.AccessAction;
import org.chaperone.incident.domain.AccessRecord;
import org.chaperone.incident.domain.AccessRecord.AccessView;
import org.chaperone.incident.domain.Category;
import org.chaperone.incident.domain.ChainVerification;
import org.chaperone.incident.domain.ChronologyEntry;
import org.chaperone.incident.domain.ChronologyEntry.EntryView;
import org.chaperone.incident.domain.ConcernAccess;
import org.chaperone.incident.domain.DateOfBirth;
import org.chaperone.incident.domain.EntryKind;
import org.chaperone.incident.domain.Incident;
import org.chaperone.incident.domain.Incident.Summary;
import org.chaperone.incident.domain.IncidentId;
import org.chaperone.incident.domain.PupilReference;
import org.chaperone.incident.domain.Severity;
import org.chaperone.incident.event.IncidentEventPublisher;
import org.chaperone.incident.repository.AccessAuditRepository;
import org.chaperone.incident.repository.ChronologyRepository;
import org.chaperone.incident.repository.IncidentRepository;
import org.chaperone.incident.repository.PupilReferenceRepository;
import org.chaperone.incident.service.IncidentCommands.AssessRisk;
import org.chaperone.incident.service.IncidentCommands.AuditQuery;
import org.chaperone.incident.service.IncidentCommands.Changed;
import org.chaperone.incident.service.IncidentCommands.Close;
import org.chaperone.incident.service.IncidentCommands.ConcernRecord;
import org.chaperone.incident.service.IncidentCommands.LinkConcern;
import org.chaperone.incident.service.IncidentCommands.LinkPupil;
import org.chaperone.incident.service.IncidentCommands.QueueQuery;
import org.chaperone.incident.service.IncidentCommands.RaiseConcern;
import org.chaperone.incident.service.IncidentCommands.Receipt;
import org.chaperone.incident.service.IncidentCommands.RecordAction;
import org.chaperone.incident.service.IncidentCommands.Reopen;
import org.chaperone.runtime.problem.ConflictException;
import org.chaperone.runtime.problem.InvalidRequestException;
import org.chaperone.runtime.problem.PolicyViolationException;
import org.chaperone.runtime.problem.RecordNotFoundException;
import org.chaperone.runtime.problem.Violation;
import org.chaperone.runtime.security.Caller;

/**
 * Safeguarding concerns: raising (R12, R14), routing and visibility, the DSL's workflow on an append-only, hash-chained
 * chronology (R15), and the access audit of every read. Each change, its chronology entry and its event commit
 * together; each read and its audit record commit together. A concern the caller may not see answers 404, as if it
 * did not exist.
 */
@ApplicationScoped
public class IncidentService {

    private static final String CONCERN = "concern";

    @Inject
    IncidentRepository incidents;
    @Inject
    ChronologyRepository chronology;
    @Inject
    AccessAuditRepository audit;
    @Inject
    IncidentEventPublisher events;
    @Inject
    Caller caller;
    @Inject
    IncidentConfig config;
    @Inject
    PupilReferenceRepository references;
    @Inject
    RetentionDates retention;

    @Transactional
    public Receipt raise(RaiseConcern command) {
        caller.requireSchool(command.schoolId(), "school");
        Instant now = now();
        List<Violation> problems = new ArrayList<>();
        if (command.occurredAt().isAfter(now.plus(config.clockSkew()))) {
            problems.add(new Violation("occurredAt", "PastOrPresent", "Must not be in the future"));
        }
        boolean staffConduct = command.category() == Category.STAFF_CONDUCT;
        if (staffConduct && isBlank(command.concernsStaffId())) {
            problems.add(new Violation("concernsStaffId", "NotBlank",
                    "A staff-conduct concern names the member of staff (their staff id)"));
        }
        if (!staffConduct && command.concernsStaffId() != null) {
            problems.add(new Violation("concernsStaffId", "Null", "Only a STAFF_CONDUCT concern names a member of staff"));
        }
        if (staffConduct && caller.subject().equals(command.concernsStaffId())) {
            problems.add(new Violation("concernsStaffId", "NotSelf", "A concern cannot name the person raising it"));
        }
        if (command.category().namesAPupil() && command.pupilIds().isEmpty()) {
            problems.add(new Violation("pupilIds", "NotEmpty", "A " + command.category() + " concern names its pupils"));
        }
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < command.pupilIds().size(); i++) {
            if (!seen.add(command.pupilIds().get(i))) {
                problems.add(new Violation("pupilIds[" + i + "]", "Unique", "Names a pupil twice"));
            }
        }
        command.pupilDatesOfBirth().forEach((pupil, born) -> {
            String field = "pupilDatesOfBirth." + pupil;
            if (!command.pupilIds().contains(pupil)) {
                problems.add(new Violation(field, "NamedPupil",
                        "Only a pupil named in pupilIds can have a date of birth here"));
            }
            if (born == null) {
                problems.add(new Violation(field, "NotNull", "A date (YYYY-MM-DD), or leave the pupil out"));
            } else {
                retention.broken(born).ifPresent(rule -> problems.add(new Violation(field, rule,
                        DateOfBirth.message(rule))));
            }
        });
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        if (caller.isParent() && !staffConduct) {
            throw new PolicyViolationException("category", "R14",
                    "A parent raises a concern about a member of staff (STAFF_CONDUCT); other concerns go to the school");
        }
        Incident.Raised raised = Incident.raise(command.schoolId(), new Incident.Concern(command.category(),
                command.whatHappened(), command.occurredAt(), command.pupilIds(), command.sessionId(),
                command.immediateRisk(), command.actionsTaken(), command.concernsStaffId()), caller.subject(), now);
        incidents.persist(raised.incident());
        chronology.persist(raised.entry());
        // A date of birth sent with the concern is kept for retention only while the school has recorded none (R16).
        command.pupilDatesOfBirth().forEach((pupil, born) -> references.recordIfAbsent(new PupilReference(
                command.schoolId(), pupil, born, PupilReference.Source.CONCERN, caller.subject(), now)));
        retention.refresh(command.schoolId(), List.of(raised.incident()), caller.scope());
        Summary summary = raised.incident().summary();
        events.raised(summary);
        return receipt(summary);
    }

    /** The raiser's own receipt and status; anyone else is told it does not exist. */
    @Transactional
    public Receipt receipt(IncidentId id) {
        Incident incident = incidents.find(id, caller.scope())
                .filter(found -> found.raisedBy().equals(caller.subject()))
                .orElseThrow(() -> new RecordNotFoundException(CONCERN));
        return receipt(incident.summary());
    }

    @Transactional
    public List<Summary> queue(QueueQuery query) {
        caller.requireSchool(query.schoolId(), "school");
        List<Incident> found = incidents.queue(query.schoolId(), query.status(), access(), caller.scope(),
                query.offset(), query.limit());
        found.forEach(incident -> audit(incident, AccessAction.LISTED, query.reason()));
        return found.stream().map(Incident::summary).toList();
    }

    @Transactional
    public ConcernRecord concern(IncidentId id, String reason) {
        Incident incident = visible(id);
        audit(incident, AccessAction.READ, reason);
        Map<String, Object> raised = chronology.first(id, caller.scope()).map(ChronologyEntry::details)
                .orElse(Map.of());
        return new ConcernRecord(incident.summary(), text(raised.get("whatHappened")),
                text(raised.get("actionsTaken")));
    }

    @Transactional
    public List<EntryView> chronology(IncidentId id, String reason) {
        Incident incident = visible(id);
        audit(incident, AccessAction.READ_CHRONOLOGY, reason);
        return chronology.chronology(id, caller.scope()).stream().map(ChronologyEntry::view).toList();
    }

    @Transactional
    public ChainVerification verify(IncidentId id, String reason) {
        Incident incident = visible(id);
        audit(incident, AccessAction.VERIFIED_CHRONOLOGY, reason);
        return ChainVerification.of(id, chronology.chronology(id, caller.scope()), incident.lastEntrySeq(),
                incident.lastEntryHash());
    }

    /** Acknowledging stops the alert escalation; a second acknowledgement changes nothing and publishes nothing. */
    @Transactional
    public Changed acknowledge(IncidentId id) {
        Incident incident = visibleForUpdate(id);
        Optional<ChronologyEntry> entry = incident.acknowledge(caller.subject(), now());
        entry.ifPresent(added -> {
            chronology.persist(added);
            events.acknowledged(incident.summary());
        });
        return new Changed(incident.summary(), entry.map(ChronologyEntry::view).orElse(null));
    }

    @Transactional
    public Changed assessRisk(IncidentId id, AssessRisk command) {
        requireReason("rationale", command.rationale(), "a risk level");
        Incident incident = openForUpdate(id);
        Instant now = now();
        Severity previous = incident.severity();
        ChronologyEntry entry = incident.assessRisk(command.severity(), command.rationale().strip(), caller.subject(),
                now);
        chronology.persist(entry);
        events.riskAssessed(incident.summary(), previous, caller.subject(), now);
        return new Changed(incident.summary(), entry.view());
    }

    @Transactional
    public Changed recordAction(IncidentId id, RecordAction command) {
        requireReason("reason", command.reason(), "an action");
        Instant now = now();
        Instant takenAt = command.takenAt() == null ? now : command.takenAt();
        if (takenAt.isAfter(now.plus(config.clockSkew()))) {
            throw new InvalidRequestException("takenAt", "PastOrPresent", "Must not be in the future");
        }
        Incident incident = openForUpdate(id);
        ChronologyEntry entry = incident.recordAction(command.action(), takenAt, command.reason().strip(),
                caller.subject(), now);
        chronology.persist(entry);
        events.actionRecorded(incident.summary(), entry.id(), command.action(), entry.view().occurredAt(),
                caller.subject(), now);
        return new Changed(incident.summary(), entry.view());
    }

    @Transactional
    public Changed close(IncidentId id, Close command) {
        requireReason("rationale", command.rationale(), "closing a concern");
        Incident incident = openForUpdate(id);
        Instant now = now();
        ChronologyEntry entry = incident.close(command.outcome(), command.rationale().strip(), caller.subject(), now);
        chronology.persist(entry);
        events.closed(incident.summary(), command.outcome(), caller.subject(), now);
        return new Changed(incident.summary(), entry.view());
    }

    @Transactional
    public Changed reopen(IncidentId id, Reopen command) {
        requireReason("reason", command.reason(), "reopening a concern");
        Incident incident = visibleForUpdate(id);
        if (!incident.isClosed()) {
            throw new ConflictException("status", "Closed", "Only a closed concern can be reopened");
        }
        Instant now = now();
        ChronologyEntry entry = incident.reopen(command.reason().strip(), caller.subject(), now);
        chronology.persist(entry);
        events.reopened(incident.summary(), caller.subject(), now);
        return new Changed(incident.summary(), entry.view());
    }

    /** Links another concern of the same school that the caller may see; linking it twice is a conflict. */
    @Transactional
    public Changed linkConcern(IncidentId id, LinkConcern command) {
        requireReason("reason", command.reason(), "linking a concern");
        if (command.other().equals(id)) {
            throw new InvalidRequestException("concernId", "NotSelf", "A concern is not linked to itself");
        }
        Incident incident = openForUpdate(id);
        incidents.find(command.other(), caller.scope())
                .filter(other -> other.schoolId().equals(incident.schoolId()) && other.visibleTo(access()))
                .orElseThrow(() -> new RecordNotFoundException("linked concern"));
        String other = command.other().toString();
        boolean linked = chronology.chronology(id, caller.scope()).stream()
                .anyMatch(entry -> entry.kind() == EntryKind.CONCERN_LINKED
                        && other.equals(entry.details().get("linkedIncidentId")));
        if (linked) {
            throw new ConflictException("concernId", "Unique", "That concern is already linked to this one");
        }
        ChronologyEntry entry = incident.linkConcern(command.other(), command.reason().strip(), caller.subject(),
                now());
        chronology.persist(entry);
        return new Changed(incident.summary(), entry.view());
    }

    /**
     * Links a pupil known in the concern's school (the school recorded their date of birth, or a concern of the school
     * the caller may see involves them): the concern joins their chronology, file and retention.
     */
    @Transactional
    public Changed linkPupil(IncidentId id, LinkPupil command) {
        requireReason("reason", command.reason(), "linking a pupil");
        Incident incident = openForUpdate(id);
        if (incident.involves(command.pupil())) {
            throw new ConflictException("pupilId", "Unique", "The concern already involves that pupil");
        }
        boolean known = references.find(incident.schoolId(), command.pupil(), caller.scope()).isPresent()
                || !incidents.involvingPupil(incident.schoolId(), command.pupil(), access(), caller.scope()).isEmpty();
        if (!known) {
            throw new RecordNotFoundException("pupil");
        }
        ChronologyEntry entry = incident.linkPupil(command.pupil(), command.reason().strip(), caller.subject(), now());
        chronology.persist(entry);
        retention.refresh(incident.schoolId(), List.of(incident), caller.scope());
        return new Changed(incident.summary(), entry.view());
    }

    /** The access audit, for the trust safeguarding lead. */
    @Transactional
    public List<AccessView> accessAudit(AuditQuery query) {
        return audit.search(query.schoolId(), query.incident(), query.pupil(), query.actor(), caller.scope(),
                query.offset(), query.limit()).stream().map(AccessRecord::view).toList();
    }

    private Receipt receipt(Summary summary) {
        return new Receipt(summary, summary.immediateRisk() ? config.policeCallAdvice() : null);
    }

    private ConcernAccess access() {
        return ConcernAccess.of(caller.subject(), caller.roles());
    }

    private Incident visible(IncidentId id) {
        return incidents.find(id, caller.scope()).filter(incident -> incident.visibleTo(access()))
                .orElseThrow(() -> new RecordNotFoundException(CONCERN));
    }

    private Incident visibleForUpdate(IncidentId id) {
        return incidents.findForUpdate(id, caller.scope()).filter(incident -> incident.visibleTo(access()))
                .orElseThrow(() -> new RecordNotFoundException(CONCERN));
    }

    /**
     * A concern to add an entry to: visible, and not closed. Acting on a concern nobody acknowledged yet acknowledges
     * it first, so that its alerts stop escalating.
     */
    private Incident openForUpdate(IncidentId id) {
        Incident incident = visibleForUpdate(id);
        if (incident.isClosed()) {
            throw new ConflictException("status", "NotClosed", "The concern is closed; reopen it first");
        }
        incident.acknowledge(caller.subject(), now()).ifPresent(added -> {
            chronology.persist(added);
            events.acknowledged(incident.summary());
        });
        return incident;
    }

    private void audit(Incident incident, AccessAction action, String reason) {
        audit.persist(new AccessRecord(incident.schoolId(), incident.id(), caller.subject(), caller.roles(), action,
                reason, now()));
    }

    /** Every decision on the chronology carries its reason (R15, KCSIE Annex C). */
    private static void requireReason(String field, String value, String what) {
        if (isBlank(value)) {
            throw new PolicyViolationException(field, "R15",
                    "The chronology records the reason for every decision: give one for " + what);
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
