package org.chaperone.events.scheduling;

/** What a host recorded about one pupil's attendance (R11). */
public enum AttendanceStatus {
    JOINED,
    DID_NOT_JOIN,
    REMOVED
}
