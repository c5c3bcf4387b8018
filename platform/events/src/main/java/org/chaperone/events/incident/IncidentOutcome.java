package org.chaperone.events.incident;

/** How a concern was closed. */
public enum IncidentOutcome {
    NO_FURTHER_ACTION,
    MONITORING_IN_SCHOOL,
    EARLY_HELP,
    REFERRED_TO_CHILDRENS_SOCIAL_CARE,
    REFERRED_TO_POLICE,
    REFERRED_TO_LADO,
    UNFOUNDED
}
