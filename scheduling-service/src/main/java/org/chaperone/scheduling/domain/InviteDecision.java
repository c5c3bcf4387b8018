package org.chaperone.scheduling.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Decides, for one pupil and one session, whether an invite may go and to whom (R1, R2, R3). Per purpose: each
 * guardian's latest decision counts, on the session's own line if there is one, else the standing line; a
 * refusal or withdrawal by any guardian blocks; a grant past its expiry has expired. This is the same rule
 * consent-service applies to its own history.
 */
public final class InviteDecision {

    private InviteDecision() {
    }

    /** Invite these guardians, or block for these reasons (reason names match the event contract). */
    public record Outcome(List<UUID> guardians, List<String> reasons, boolean missingRecordingConsent) {

        public boolean invited() {
            return reasons.isEmpty();
        }
    }

    /**
     * @param lines           the pupil's consent lines, any purpose
     * @param needsRecording  whether the session is to be recorded
     */
    public static Outcome decide(List<ConsentLine> lines, UUID sessionId, SessionKind kind, boolean needsRecording,
            Instant now) {
        List<String> reasons = new ArrayList<>();
        Current live = current(lines, ConsentLine.LIVE_VIDEO, sessionId, now);
        switch (live.state) {
            case "GRANTED" -> { }
            case "REFUSED" -> reasons.add("LIVE_VIDEO_CONSENT_REFUSED");
            case "WITHDRAWN" -> reasons.add("LIVE_VIDEO_CONSENT_WITHDRAWN");
            case "EXPIRED" -> reasons.add("LIVE_VIDEO_CONSENT_EXPIRED");
            default -> reasons.add("NO_LIVE_VIDEO_CONSENT");
        }
        List<UUID> guardians = live.guardians;
        if (kind == SessionKind.ONE_TO_ONE) {
            Current oneToOne = current(lines, ConsentLine.ONE_TO_ONE, sessionId, now);
            if (!oneToOne.state.equals("GRANTED")) {
                reasons.add("NO_ONE_TO_ONE_CONSENT");
            } else {
                // The invite goes to guardians who consented to both.
                guardians = guardians.stream().filter(oneToOne.guardians::contains).toList();
            }
        }
        boolean missingRecording = needsRecording
                && !current(lines, ConsentLine.RECORDING, sessionId, now).state.equals("GRANTED");
        if (reasons.isEmpty() && guardians.isEmpty()) {
            reasons.add("NO_LIVE_VIDEO_CONSENT");
        }
        return new Outcome(reasons.isEmpty() ? guardians : List.of(), reasons, missingRecording);
    }

    private record Current(String state, List<UUID> guardians) {
    }

    private static Current current(List<ConsentLine> lines, String purpose, UUID sessionId, Instant now) {
        Map<UUID, List<ConsentLine>> byGuardian = lines.stream().filter(l -> l.purpose().equals(purpose))
                .collect(Collectors.groupingBy(ConsentLine::guardianId));
        List<ConsentLine> blocking = new ArrayList<>();
        List<ConsentLine> grants = new ArrayList<>();
        boolean expired = false;
        for (List<ConsentLine> guardianLines : byGuardian.values()) {
            Optional<ConsentLine> line = guardianLines.stream()
                    .filter(l -> l.scope().equals("SESSION") && Objects.equals(l.sessionId(), sessionId)).findFirst()
                    .or(() -> guardianLines.stream().filter(l -> l.scope().equals("STANDING")).findFirst());
            if (line.isEmpty()) {
                continue;
            }
            ConsentLine l = line.get();
            switch (l.decision()) {
                case "REFUSED", "WITHDRAWN" -> blocking.add(l);
                case "EXPIRED" -> expired = true;
                case "GRANTED" -> {
                    if (l.expiresAt() != null && !l.expiresAt().isAfter(now)) {
                        expired = true;
                    } else {
                        grants.add(l);
                    }
                }
                default -> { }
            }
        }
        if (!blocking.isEmpty()) {
            return new Current(blocking.stream().max(Comparator.comparing(ConsentLine::decidedAt)).orElseThrow()
                    .decision(), List.of());
        }
        if (!grants.isEmpty()) {
            return new Current("GRANTED", grants.stream().sorted(Comparator.comparing(ConsentLine::decidedAt))
                    .map(ConsentLine::guardianId).toList());
        }
        return new Current(expired ? "EXPIRED" : "NONE", List.of());
    }
}
