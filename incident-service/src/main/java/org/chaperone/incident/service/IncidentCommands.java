package org.chaperone.incident.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.chaperone.incident.domain.Category;
import org.chaperone.incident.domain.ChronologyEntry.EntryView;
import org.chaperone.incident.domain.ConcernAction;
import org.chaperone.incident.domain.Incident.Summary;
import org.chaperone.incident.domain.IncidentId;
import org.chaperone.incident.domain.IncidentStatus;
import org.chaperone.incident.domain.Outcome;
import org.chaperone.incident.domain.Severity;

/** What callers ask incident-service to do, and what it answers, in domain terms. */
public final class IncidentCommands {

    private IncidentCommands() {
    }

    /** A concern as the raiser tells it (R12). */
    public record RaiseConcern(String schoolId, Category category, String whatHappened, Instant occurredAt,
            List<UUID> pupilIds, UUID sessionId, boolean immediateRisk, String actionsTaken, String concernsStaffId) {
    }

    /** What the raiser gets back, then and later: never the DSL's record. */
    public record Receipt(Summary incident, String policeCallAdvice) {
    }

    /** The DSL's (or Headteacher's) record of a concern: its facts, what happened and what was already done. */
    public record ConcernRecord(Summary incident, String whatHappened, String actionsTaken) {
    }

    public record QueueQuery(String schoolId, IncidentStatus status, int offset, int limit, String reason) {
    }

    public record AssessRisk(Severity severity, String rationale) {
    }

    public record RecordAction(ConcernAction action, Instant takenAt, String reason) {
    }

    public record Close(Outcome outcome, String rationale) {
    }

    public record Reopen(String reason) {
    }

    /** A change to a concern: the concern as it now stands and the entry the change added. */
    public record Changed(Summary incident, EntryView entry) {
    }

    public record AuditQuery(String schoolId, IncidentId incident, String actor, int offset,
            int limit) {
    }
}
