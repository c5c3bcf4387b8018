package org.chaperone.events.incident;

/** What kind of safeguarding concern was raised (R12); a concern about a member of staff is R14. */
public enum IncidentCategory {
    DISCLOSURE,
    SEEN_OR_HEARD,
    PUPIL_BEHAVIOUR,
    UNINVITED_ATTENDEE,
    SECURITY_BREACH,
    HOUSEHOLD_ADULT_BEHAVIOUR,
    ONLINE_ABUSE,
    STAFF_CONDUCT
}
