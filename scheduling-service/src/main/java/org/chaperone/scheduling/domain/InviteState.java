package org.chaperone.scheduling.domain;

/** Where a pupil's invite stands. */
public enum InviteState {
    NOT_DISPATCHED,
    DISPATCHED,
    BLOCKED,
    REVOKED
}
