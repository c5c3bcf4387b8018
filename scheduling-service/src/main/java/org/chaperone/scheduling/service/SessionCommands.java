package org.chaperone.scheduling.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.chaperone.scheduling.domain.Session.SessionDetails;

/** What callers ask of scheduling-service and what it answers, in domain terms. */
public final class SessionCommands {

    private SessionCommands() {
    }

    /** A session with its pupils and where each pupil's invite stands. */
    public record SessionView(SessionDetails session, List<ParticipantView> participants) {
    }

    public record ParticipantView(UUID pupilId, String inviteState, List<UUID> guardianIds, List<String> reasons) {
    }

    /** What a dispatch did: who was invited, who was blocked and why, and whether recording was dropped. */
    public record DispatchReport(SessionDetails session, List<ParticipantView> invited, List<ParticipantView> blocked,
            boolean recordingDropped) {
    }

    public record Reschedule(Instant startsAt, Instant endsAt) {
    }
}
