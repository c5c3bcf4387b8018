package org.chaperone.events.incident;

/** Who handles a concern: the DSL team, or for staff conduct (R14) the Headteacher and the trust safeguarding lead. */
public enum IncidentRouting {
    DSL_TEAM,
    HEADTEACHER_AND_TRUST_LEAD
}
