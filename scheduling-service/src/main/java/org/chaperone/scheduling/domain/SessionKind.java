package org.chaperone.scheduling.domain;

/** A whole-class (group) session, or a one-to-one session (R3). */
public enum SessionKind {
    GROUP,
    ONE_TO_ONE
}
