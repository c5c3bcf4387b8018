package org.chaperone.incident.domain;

/** What a chronology entry records. */
public enum EntryKind {
    RAISED,
    ACKNOWLEDGED,
    RISK_ASSESSED,
    ACTION_RECORDED,
    CLOSED,
    REOPENED
}
