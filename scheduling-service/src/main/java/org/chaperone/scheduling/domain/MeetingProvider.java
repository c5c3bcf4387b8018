package org.chaperone.scheduling.domain;

/**
 * The port to a video meeting provider. This build ships a provider-neutral one; Zoom and Teams adapters plug
 * in here later and must honour the whole profile of {@link MeetingSettings}.
 */
public interface MeetingProvider {

    /** A new meeting room with a unique, unguessable join link and passcode; never a personal meeting id. */
    ProvisionedMeeting provision(SessionId session, MeetingSettings settings);

    /** The link and the plain passcode, which the caller encrypts before storing. */
    record ProvisionedMeeting(String joinUrl, String passcode) {
        @Override
        public String toString() {
            return "ProvisionedMeeting[joinUrl=" + joinUrl + ", passcode=***]";
        }
    }
}
