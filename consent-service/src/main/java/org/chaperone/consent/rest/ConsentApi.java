package org.chaperone.consent.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.chaperone.consent.domain.Channel;
import org.chaperone.consent.domain.ConsentStatus;
import org.chaperone.consent.domain.Decision;
import org.chaperone.consent.domain.Purpose;
import org.chaperone.consent.domain.Scope;

/** The JSON shapes of consent requests, decisions, history and status. */
public final class ConsentApi {

    /** The most pupils one call may name: a year group of a large school. */
    public static final int MAX_PUPILS = 500;

    private ConsentApi() {
    }

    /** Rule R2: what a recording is for and how many days it is kept. */
    public record RecordingBody(
            @NotBlank @Size(max = 500) String purpose,
            @NotNull @Min(1) @Max(3650) Integer retentionDays) {
    }

    public record ConsentRequestBody(
            @NotBlank @Pattern(regexp = PupilApi.SCHOOL_ID, message = "1 to 40 letters, digits or hyphens")
            String schoolId,
            @NotNull Purpose purpose,
            @NotNull Scope scope,
            UUID sessionId,
            @NotEmpty @Size(max = MAX_PUPILS) List<@NotNull UUID> pupilIds,
            @Valid RecordingBody recording,
            Instant expiresAt,
            Instant respondBy) {
    }

    public record ConsentRequestView(UUID id, String schoolId, Purpose purpose, Scope scope, UUID sessionId,
            RecordingBody recording, Instant expiresAt, Instant respondBy, String requestedBy, Instant requestedAt,
            List<UUID> pupilIds, Integer guardiansAsked, List<UUID> pupilsWithoutGuardian) {
    }

    public record PendingRequestView(UUID requestId, UUID pupilId, Purpose purpose, Scope scope, UUID sessionId,
            RecordingBody recording, Instant expiresAt, Instant respondBy, Instant requestedAt) {
    }

    /** What office staff saw: the channel, a reference (e.g. the email's Message-ID), when, and its text. */
    public record EvidenceBody(
            @NotNull Channel channel,
            @NotBlank @Size(max = 500) String reference,
            @NotNull Instant receivedAt,
            @NotBlank @Size(max = 100_000) String text) {
    }

    public enum Answer {
        GRANTED,
        REFUSED
    }

    /**
     * A guardian's answer. From the parent app: no {@code guardianId} and no {@code evidence}. Recorded by office
     * staff: both.
     */
    public record DecisionBody(
            @NotNull UUID pupilId,
            UUID guardianId,
            @NotNull Purpose purpose,
            @NotNull Scope scope,
            UUID sessionId,
            @NotNull Answer decision,
            UUID requestId,
            Instant expiresAt,
            @Valid RecordingBody recording,
            @Valid EvidenceBody evidence) {
    }

    public record WithdrawalBody(@Valid EvidenceBody evidence) {
    }

    public record EvidenceView(Channel channel, String reference, Instant receivedAt, String sha256) {
    }

    public record DecisionView(UUID id, String schoolId, UUID pupilId, UUID guardianId, Purpose purpose, Scope scope,
            UUID sessionId, Decision decision, UUID requestId, UUID supersedes, RecordingBody recording,
            Instant expiresAt, Channel channel, EvidenceView evidence, String recordedBy, Instant decidedAt) {
    }

    public record HistoryView(UUID pupilId, List<DecisionView> decisions) {
    }

    public record StatusQueryBody(
            @NotBlank @Pattern(regexp = PupilApi.SCHOOL_ID, message = "1 to 40 letters, digits or hyphens")
            String schoolId,
            @NotNull Purpose purpose,
            UUID sessionId,
            @NotEmpty @Size(max = MAX_PUPILS) List<@NotNull UUID> pupilIds) {
    }

    public record PupilStatusView(UUID pupilId, ConsentStatus status, List<UUID> consentingGuardianIds,
            Instant expiresAt, Instant decidedAt) {
    }

    public record StatusView(String schoolId, Purpose purpose, UUID sessionId, List<PupilStatusView> statuses) {
    }
}
