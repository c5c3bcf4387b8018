package org.chaperone.events.notification;

/** A rung of the alert escalation ladder (R17). */
public enum EscalationLevel {
    HEADTEACHER,
    TRUST_SAFEGUARDING_LEAD
}
