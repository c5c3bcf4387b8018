package org.chaperone.notification.domain;

/** A rung of the alert escalation ladder (R17). */
public enum EscalationRung {
    HEADTEACHER,
    TRUST_SAFEGUARDING_LEAD
}
