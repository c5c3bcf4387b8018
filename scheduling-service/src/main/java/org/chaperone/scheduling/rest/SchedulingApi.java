package org.chaperone.scheduling.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.chaperone.scheduling.domain.SchoolPolicy.RecordingConsentMissing;
import org.chaperone.scheduling.domain.SessionKind;
import org.chaperone.scheduling.domain.SessionStatus;

/** The JSON shapes of scheduling-service. */
public final class SchedulingApi {

    static final String SCHOOL_ID = "[A-Za-z0-9-]{1,40}";
    static final String STAFF_ID = "[\\x21-\\x7e]{1,255}";

    private SchedulingApi() {
    }

    /** The meeting security profile (R9); every field is required so that nothing is left to a default. */
    public record MeetingBody(@NotNull Boolean waitingRoom, @NotNull Boolean lockAfterStart,
            @NotNull Boolean muteOnEntry, @NotNull Boolean hostOnlyScreenShare, @NotNull Boolean hostOnlyRecording,
            @NotNull Boolean hostOnlyChat, @NotNull Boolean hostOnlyAnnotation, @NotNull Boolean hostOnlyFileTransfer,
            @NotNull Boolean participantsMayRename, @NotNull Boolean breakoutRooms,
            @NotNull Boolean removedMayRejoin) {
    }

    public record PolicyBody(
            @NotBlank @Size(max = 64) String timeZone,
            @NotEmpty Set<@NotNull DayOfWeek> schoolDays,
            @NotNull LocalTime dayStarts,
            @NotNull LocalTime dayEnds,
            @NotNull @Size(max = 400) List<@NotNull LocalDate> closureDates,
            @NotNull @Min(15) @Max(240) Integer maxSessionMinutes,
            @NotNull @Min(1) @Max(20) Integer maxSessionsPerPupilPerWeek,
            @NotNull @Min(2) @Max(5) Integer minHosts,
            @NotNull @Min(1) @Max(120) Integer dbsValidityMonths,
            @NotNull @Min(1) @Max(120) Integer trainingValidityMonths,
            @NotNull Boolean recordingAllowed,
            @NotNull Boolean oneToOneAllowed,
            @NotNull RecordingConsentMissing whenRecordingConsentMissing,
            @NotNull @Valid MeetingBody meeting) {
    }

    public record PolicyView(String schoolId, int version, PolicyBody policy, String changedBy, Instant changedAt) {
    }

    public record StaffBody(LocalDate dbsCheckedOn, LocalDate safeguardingTrainedOn, @NotNull Boolean slt,
            @NotNull Boolean headteacher) {
    }

    public record StaffView(String schoolId, String staffId, LocalDate dbsCheckedOn, LocalDate safeguardingTrainedOn,
            boolean slt, boolean headteacher, Instant updatedAt) {
    }

    public record SessionBody(
            @NotBlank @Pattern(regexp = SCHOOL_ID, message = "1 to 40 letters, digits or hyphens") String schoolId,
            @NotNull SessionKind kind,
            @NotBlank @Size(max = 200) String title,
            @NotNull Instant startsAt,
            @NotNull Instant endsAt,
            @NotEmpty @Size(max = 10) List<@NotNull @Pattern(regexp = STAFF_ID) String> hostStaffIds,
            @NotEmpty @Size(max = 60) List<@NotNull UUID> pupilIds,
            Boolean recorded,
            @Valid MeetingBody meeting) {
    }

    public record ParticipantView(UUID pupilId, String inviteState, List<UUID> guardianIds, List<String> reasons) {
    }

    /** A session as staff see it. Neither the join link nor the passcode: they go only in the invites (R10). */
    public record SessionView(UUID id, String schoolId, SessionKind kind, String title, Instant startsAt,
            Instant endsAt, List<String> hostStaffIds, boolean recorded, SessionStatus status, int policyVersion,
            String decidedBy, Instant decidedAt, String decisionReason, Instant invitesDispatchedAt, String createdBy,
            Instant createdAt, List<ParticipantView> participants) {
    }

    public enum ApprovalDecision {
        APPROVED,
        DECLINED
    }

    public record ApprovalBody(@NotNull ApprovalDecision decision, @Size(max = 1000) String reason) {
    }

    public record RescheduleBody(@NotNull Instant startsAt, @NotNull Instant endsAt) {
    }

    public record DispatchView(UUID sessionId, boolean recorded, boolean recordingDropped,
            List<ParticipantView> invited, List<ParticipantView> blocked) {
    }
}
