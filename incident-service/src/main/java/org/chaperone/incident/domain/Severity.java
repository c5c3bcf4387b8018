package org.chaperone.incident.domain;

/** How serious a concern is; CRITICAL when there is an immediate risk of harm. */
public enum Severity {
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL
}
