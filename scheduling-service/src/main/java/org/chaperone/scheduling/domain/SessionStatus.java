package org.chaperone.scheduling.domain;

/** Where a session is in its life. Invites go only from SCHEDULED (a one-to-one gets there by approval). */
public enum SessionStatus {
    PENDING_APPROVAL,
    SCHEDULED,
    DECLINED,
    CANCELLED,
    LIVE,
    ENDED,
    TERMINATED;

    public boolean isOpen() {
        return this == PENDING_APPROVAL || this == SCHEDULED || this == LIVE;
    }
}
