package org.chaperone.events.consent;

/** A standing consent lasts until withdrawn or its expiry; a session consent covers one session. */
public enum ConsentScope {
    STANDING,
    SESSION
}
