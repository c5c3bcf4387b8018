package org.chaperone.incident.domain;

/** What kind of read of a concern the access audit records. */
public enum AccessAction {
    /** The concern appeared in a list (its summary, not its narrative). */
    LISTED,
    /** The concern's record, narrative included. */
    READ,
    /** The concern's chronology. */
    READ_CHRONOLOGY,
    /** The chronology's hash chain was verified. */
    VERIFIED_CHRONOLOGY
}
