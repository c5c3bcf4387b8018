package org.chaperone.incident.domain;

/** How a concern was closed. */
public enum Outcome {
    NO_FURTHER_ACTION,
    MONITORING_IN_SCHOOL,
    EARLY_HELP,
    REFERRED_TO_CHILDRENS_SOCIAL_CARE,
    REFERRED_TO_POLICE,
    REFERRED_TO_LADO,
    UNFOUNDED
}
