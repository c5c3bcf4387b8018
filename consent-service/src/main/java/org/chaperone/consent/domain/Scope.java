package org.chaperone.consent.domain;

/** A standing consent lasts until withdrawn or expired; a session consent covers one session only. */
public enum Scope {
    STANDING,
    SESSION
}
