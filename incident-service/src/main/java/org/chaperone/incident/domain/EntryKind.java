package org.chaperone.incident.domain;

/** What a chronology entry records. */
public enum EntryKind {
    RAISED,
    ACKNOWLEDGED,
    RISK_ASSESSED,
    ACTION_RECORDED,
    CLOSED,
    REOPENED,
    /** Another concern of the same school was linked to this one (the link is this entry; nothing is edited). */
    CONCERN_LINKED,
    /** A pupil of the same school was linked to this concern: it becomes part of their chronology too. */
    PUPIL_LINKED
}
