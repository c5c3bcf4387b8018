package org.chaperone.notification.domain;

/** How serious a concern is, as its alert was raised: the escalation window depends on it. */
public enum AlertSeverity {
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL
}
