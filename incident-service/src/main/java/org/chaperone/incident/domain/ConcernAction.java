package org.chaperone.incident.domain;

/** An action taken on a concern, recorded with who, when and why (R15). */
public enum ConcernAction {
    SPOKE_WITH_PUPIL,
    PARENTS_INFORMED,
    CHILDRENS_SOCIAL_CARE_REFERRAL,
    POLICE_CONTACTED,
    /** The Local Authority Designated Officer, for a concern about a member of staff. */
    LADO_REFERRAL,
    EARLY_HELP,
    NO_FURTHER_ACTION
}
