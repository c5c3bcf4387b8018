package org.chaperone.consent.domain;

/** What a consent is for: joining live video (R1), being recorded (R2), a one-to-one session (R3). */
public enum Purpose {
    LIVE_VIDEO,
    RECORDING,
    ONE_TO_ONE
}
