package org.chaperone.incident.service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.chaperone.incident.domain.Category;
import org.chaperone.incident.domain.ChainVerification;
import org.chaperone.incident.domain.Retention;
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
            List<UUID> pupilIds, UUID sessionId, boolean immediateRisk, String actionsTaken, String concernsStaffId,
            Map<UUID, LocalDate> pupilDatesOfBirth) {
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

    public record AuditQuery(String schoolId, IncidentId incident, UUID pupil, String actor, int offset,
            int limit) {
    }

    /** Links another concern of the same school, with the reason (R15). */
    public record LinkConcern(IncidentId other, String reason) {
    }

    /** Links a pupil of the same school, with the reason (R15). */
    public record LinkPupil(UUID pupil, String reason) {
    }

    /** A pupil's file in one school, read for a reason that goes to the access audit. */
    public record PupilQuery(String schoolId, UUID pupil, String reason) {
    }

    /**
     * A pupil's chronology: the concerns involving them that the caller may see (oldest first) and every entry of
     * those concerns in time order.
     */
    public record PupilChronology(String schoolId, UUID pupil, LocalDate dateOfBirth, List<Summary> concerns,
            List<EntryView> entries) {
    }

    /**
     * A pupil's child-protection file, for transfer to a new school: every concern involving them (DSL team's, not
     * staff conduct) with all its entries and its chain verification. The retention date is the pupil's own (date of
     * birth + 25 years), not the concerns' (which may depend on other pupils' dates of birth).
     */
    public record ChildProtectionFile(String schoolId, UUID pupil, LocalDate dateOfBirth, Retention retention,
            Instant exportedAt, String exportedBy, String purpose, boolean allChainsValid, List<FileConcern> concerns) {
    }

    /**
     * One concern of a pupil's file. Other pupils it involves are named by id only ({@code otherPupils}); what happened
     * is in the first entry, in the raiser's words, and may mention them: the DSL reviews it before sending.
     */
    public record FileConcern(Summary concern, List<UUID> otherPupils, ChainVerification verification,
            List<EntryView> entries) {
    }

    public record RetentionReviewQuery(String schoolId, int offset, int limit, String reason) {
    }

    /** A concern due for retention review: its retention date has come, or is unknown for want of these pupils'. */
    public record RetentionReviewItem(Summary concern, List<UUID> pupilsWithoutDateOfBirth) {
    }

    public record RecordDateOfBirth(String schoolId, UUID pupil, LocalDate dateOfBirth) {
    }
}
