package org.chaperone.incident.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.chaperone.incident.domain.AccessAction;
import org.chaperone.incident.domain.Category;
import org.chaperone.incident.domain.ChainVerification;
import org.chaperone.incident.domain.ConcernAction;
import org.chaperone.incident.domain.EntryKind;
import org.chaperone.incident.domain.IncidentStatus;
import org.chaperone.incident.domain.Outcome;
import org.chaperone.incident.domain.RetentionBasis;
import org.chaperone.incident.domain.Routing;
import org.chaperone.incident.domain.Severity;

/** The JSON shapes of concerns, receipts, chronology entries and the access audit. */
public final class IncidentApi {

    public static final String SCHOOL_ID = "[A-Za-z0-9-]{1,40}";
    /** A subject id as identity providers issue them: visible ASCII, no spaces. */
    public static final String SUBJECT_ID = "[\\x21-\\x7e]{1,255}";
    public static final int MAX_PUPILS = 60;
    public static final int MAX_NARRATIVE = 20_000;
    public static final int MAX_REASON = 5_000;

    private IncidentApi() {
    }

    /**
     * A concern as the raiser tells it (R12). {@code whatHappened} and {@code actionsTaken} are kept on the
     * chronology only: never in an event or a log. {@code concernsStaffId} is the staff id of the member of staff a
     * STAFF_CONDUCT concern is about (R14). {@code pupilDatesOfBirth} (optional, per pupil named) sets the retention of
     * the concern (R16) while the school has recorded no date of birth for the pupil.
     */
    public record RaiseBody(
            @NotBlank @Pattern(regexp = SCHOOL_ID, message = "1 to 40 letters, digits or hyphens") String schoolId,
            @NotNull Category category,
            @NotBlank @Size(max = MAX_NARRATIVE) String whatHappened,
            @NotNull Instant occurredAt,
            @Size(max = MAX_PUPILS) List<@NotNull UUID> pupilIds,
            UUID sessionId,
            @NotNull Boolean immediateRisk,
            @Size(max = MAX_REASON) String actionsTaken,
            @Pattern(regexp = SUBJECT_ID, message = "1 to 255 visible characters, no spaces") String concernsStaffId,
            @Size(max = MAX_PUPILS) Map<UUID, LocalDate> pupilDatesOfBirth) {
    }

    /** What the raiser sees: that the concern arrived, where it went and where it stands; never the DSL's record. */
    public record ReceiptView(UUID id, String schoolId, Category category, IncidentStatus status, Routing routedTo,
            boolean immediateRisk, boolean policeCallAdvised, String advice, Instant occurredAt, Instant raisedAt) {
    }

    public record ConcernSummaryView(UUID id, String schoolId, Category category, Severity severity,
            boolean immediateRisk, IncidentStatus status, Outcome outcome, Routing routedTo, String concernsStaffId,
            UUID sessionId, List<UUID> pupilIds, Instant occurredAt, String raisedBy, Instant raisedAt,
            String acknowledgedBy, Instant acknowledgedAt, Instant closedAt, int chronologyEntries,
            List<UUID> linkedPupilIds, LocalDate retentionUntil, RetentionBasis retentionBasis) {
    }

    public record ConcernView(ConcernSummaryView concern, String whatHappened, String actionsTaken) {
    }

    public record EntryView(UUID id, UUID incidentId, int seq, EntryKind kind, String recordedBy, Instant recordedAt,
            Instant occurredAt, Map<String, Object> details, String previousHash, String hash) {
    }

    public record ChronologyView(UUID incidentId, List<EntryView> entries) {
    }

    /** A change to a concern: the concern as it now stands, and the chronology entry the change added (if any). */
    public record ChangeView(ConcernSummaryView concern, EntryView entry) {
    }

    public record VerificationView(UUID incidentId, int entries, boolean valid, Integer brokenAtSeq,
            UUID brokenEntryId, ChainVerification.Problem problem, String headHash) {
    }

    public record RiskBody(@NotNull Severity severity, @Size(max = MAX_REASON) String rationale) {
    }

    public record ActionBody(@NotNull ConcernAction action, Instant takenAt, @Size(max = MAX_REASON) String reason) {
    }

    public record CloseBody(@NotNull Outcome outcome, @Size(max = MAX_REASON) String rationale) {
    }

    public record ReopenBody(@Size(max = MAX_REASON) String reason) {
    }

    /** One read in the access audit; {@code pupilId} when it was a read of a pupil's chronology or file. */
    public record AccessView(UUID id, String schoolId, UUID incidentId, UUID pupilId, String actor,
            Set<String> actorRoles, AccessAction action, String reason, Instant accessedAt) {
    }

    /** Links another concern of the same school (a new chronology entry, R15). */
    public record LinkConcernBody(@NotNull UUID concernId, @Size(max = MAX_REASON) String reason) {
    }

    /** Links a pupil of the same school (a new chronology entry, R15): the concern joins their chronology. */
    public record LinkPupilBody(@NotNull UUID pupilId, @Size(max = MAX_REASON) String reason) {
    }

    /** A pupil's chronology: the concerns involving them the caller may see, and all their entries in time order. */
    public record PupilChronologyView(String schoolId, UUID pupilId, LocalDate dateOfBirth,
            List<ConcernSummaryView> concerns, List<EntryView> entries) {
    }

    /**
     * A pupil's child-protection file, for transfer to a new school. {@code retentionUntil} is the pupil's own (date of
     * birth + 25 years). {@code allChainsValid} is the verification of every concern's hash chain at export time.
     */
    public record ChildProtectionFileView(String format, String schoolId, UUID pupilId, LocalDate dateOfBirth,
            LocalDate retentionUntil, RetentionBasis retentionBasis, Instant exportedAt, String exportedBy,
            String purpose, boolean allChainsValid, List<FileConcernView> concerns) {
    }

    /**
     * One concern in a pupil's file. Other pupils it involves appear by id only ({@code otherPupilIds}, also in the
     * first entry's details, which the hashes cover); {@code sharedWithOtherPupils} warns that what happened may
     * mention them, for the DSL to review before sending.
     */
    public record FileConcernView(UUID id, Category category, Severity severity, boolean immediateRisk,
            IncidentStatus status, Outcome outcome, UUID sessionId, Instant occurredAt, String raisedBy,
            Instant raisedAt, String acknowledgedBy, Instant acknowledgedAt, Instant closedAt,
            boolean sharedWithOtherPupils, List<UUID> otherPupilIds, VerificationView verification,
            List<EntryView> entries) {
    }

    /** A pupil's date of birth as the school records it (school app or office). */
    public record DateOfBirthBody(
            @NotBlank @Pattern(regexp = SCHOOL_ID, message = "1 to 40 letters, digits or hyphens") String schoolId,
            @NotNull LocalDate dateOfBirth) {
    }

    public record PupilReferenceView(String schoolId, UUID pupilId, LocalDate dateOfBirth, String source,
            String recordedBy, Instant recordedAt) {
    }

    /** A concern due for retention review (R16): retention date reached, or unknown for want of dates of birth. */
    public record RetentionReviewView(UUID incidentId, String schoolId, Category category, IncidentStatus status,
            List<UUID> pupilIds, Instant raisedAt, Instant closedAt, LocalDate retentionUntil,
            RetentionBasis retentionBasis, List<UUID> pupilsWithoutDateOfBirth) {
    }
}
