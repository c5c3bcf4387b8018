package org.chaperone.consent.domain;

/** What one entry in a pupil's consent history records. */
public enum Decision {
    GRANTED,
    REFUSED,
    WITHDRAWN,
    EXPIRED
}
