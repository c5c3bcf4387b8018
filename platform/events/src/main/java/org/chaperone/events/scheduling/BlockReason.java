package org.chaperone.events.scheduling;

/** Why a pupil's invite was blocked or revoked. */
public enum BlockReason {
    NO_LIVE_VIDEO_CONSENT,
    LIVE_VIDEO_CONSENT_REFUSED,
    LIVE_VIDEO_CONSENT_WITHDRAWN,
    LIVE_VIDEO_CONSENT_EXPIRED,
    NO_ONE_TO_ONE_CONSENT,
    NO_RECORDING_CONSENT,
    SESSION_CANCELLED,
    SESSION_RESCHEDULED
}
