package org.chaperone.consent.domain;

/** Anything that removes a guardian's right to consent although they hold parental responsibility. */
public enum Restriction {
    NONE,
    COURT_ORDER,
    OTHER
}
