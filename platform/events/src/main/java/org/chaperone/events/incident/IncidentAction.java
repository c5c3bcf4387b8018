package org.chaperone.events.incident;

/** An action taken on a concern and recorded on its chronology (R15). */
public enum IncidentAction {
    SPOKE_WITH_PUPIL,
    PARENTS_INFORMED,
    CHILDRENS_SOCIAL_CARE_REFERRAL,
    POLICE_CONTACTED,
    LADO_REFERRAL,
    EARLY_HELP,
    NO_FURTHER_ACTION
}
