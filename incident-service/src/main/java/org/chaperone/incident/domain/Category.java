package org.chaperone.incident.domain;

/** The kinds of concern any member of staff can raise (R12); a concern about a member of staff is R14. */
public enum Category {
    DISCLOSURE(Severity.HIGH, true),
    SEEN_OR_HEARD(Severity.MEDIUM, true),
    PUPIL_BEHAVIOUR(Severity.MEDIUM, true),
    UNINVITED_ATTENDEE(Severity.HIGH, false),
    SECURITY_BREACH(Severity.HIGH, false),
    HOUSEHOLD_ADULT_BEHAVIOUR(Severity.HIGH, true),
    ONLINE_ABUSE(Severity.HIGH, true),
    STAFF_CONDUCT(Severity.HIGH, false);

    private final Severity initialSeverity;
    private final boolean aboutAPupil;

    Category(Severity initialSeverity, boolean aboutAPupil) {
        this.initialSeverity = initialSeverity;
        this.aboutAPupil = aboutAPupil;
    }

    /** The severity a new concern starts with until the DSL assesses it; an immediate risk is always CRITICAL. */
    public Severity initialSeverity(boolean immediateRisk) {
        return immediateRisk ? Severity.CRITICAL : initialSeverity;
    }

    /** Whether a concern of this kind must name at least one pupil. */
    public boolean namesAPupil() {
        return aboutAPupil;
    }

    /** A concern about a member of staff never goes to the DSL team (R14). */
    public Routing routing() {
        return this == STAFF_CONDUCT ? Routing.HEADTEACHER_AND_TRUST_LEAD : Routing.DSL_TEAM;
    }
}
