package org.chaperone.consent.domain;

/** A guardian's relationship to a pupil, as the MIS records it. */
public enum Relationship {
    MOTHER,
    FATHER,
    CARER,
    OTHER
}
