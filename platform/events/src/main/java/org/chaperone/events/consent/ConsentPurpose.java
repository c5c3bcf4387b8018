package org.chaperone.events.consent;

/** What a guardian consents to (rules R1, R2, R3). */
public enum ConsentPurpose {
    LIVE_VIDEO,
    RECORDING,
    ONE_TO_ONE
}
