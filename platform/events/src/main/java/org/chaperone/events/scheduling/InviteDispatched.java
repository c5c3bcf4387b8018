package org.chaperone.events.scheduling;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A pupil with valid consent is invited: the consenting guardians receive the join link and passcode (R10).
 * The only event that carries them; notification-service puts them in the message and nowhere else.
 */
public record InviteDispatched(UUID inviteId, UUID sessionId, String schoolId, UUID pupilId, List<UUID> guardianIds,
        String joinUrl, String passcode, Instant startsAt, Instant endsAt, List<String> hostStaffIds,
        boolean recorded, Instant dispatchedAt) {

    /** Never prints the link or the passcode, so that a logged event cannot leak them. */
    @Override
    public String toString() {
        return "InviteDispatched[inviteId=" + inviteId + ", sessionId=" + sessionId + ", schoolId=" + schoolId
                + ", pupilId=" + pupilId + ", guardianIds=" + guardianIds + ", joinUrl=***, passcode=***, startsAt="
                + startsAt + ", endsAt=" + endsAt + ", recorded=" + recorded + ", dispatchedAt=" + dispatchedAt + "]";
    }
}
