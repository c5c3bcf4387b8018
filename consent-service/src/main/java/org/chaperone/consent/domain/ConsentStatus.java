package org.chaperone.consent.domain;

/** A pupil's current consent for one purpose. Only {@link #GRANTED} lets a pupil be invited. */
public enum ConsentStatus {
    GRANTED,
    REFUSED,
    WITHDRAWN,
    EXPIRED,
    NONE
}
