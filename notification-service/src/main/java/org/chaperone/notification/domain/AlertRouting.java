package org.chaperone.notification.domain;

/** Who an alert went to: the DSL team (R12), or for staff conduct the Headteacher and the trust lead (R14). */
public enum AlertRouting {
    DSL_TEAM,
    HEADTEACHER_AND_TRUST_LEAD
}
