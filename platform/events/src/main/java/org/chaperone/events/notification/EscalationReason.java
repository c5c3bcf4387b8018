package org.chaperone.events.notification;

/** Why an alert climbed the ladder: nobody acknowledged it in the window, or it reached nobody at all. */
public enum EscalationReason {
    NOT_ACKNOWLEDGED,
    UNDELIVERABLE
}
