package org.chaperone.incident.domain;

/** Who handles a concern (R12, R14). */
public enum Routing {
    /** The school's DSL and deputy DSLs, and the trust safeguarding lead. */
    DSL_TEAM,
    /** A concern about a member of staff: the Headteacher and the trust safeguarding lead, never the DSL team. */
    HEADTEACHER_AND_TRUST_LEAD
}
