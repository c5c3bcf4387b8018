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
    VERIFIED_CHRONOLOGY,
    /** The concern's chronology as part of a pupil's chronology. */
    READ_PUPIL_CHRONOLOGY,
    /** The concern, with its chronology, exported in a pupil's child-protection file. */
    EXPORTED_CHILD_PROTECTION_FILE,
    /** The concern appeared in the retention review list (R16). */
    LISTED_FOR_RETENTION_REVIEW
}
