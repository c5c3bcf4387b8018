package org.chaperone.events.incident;

/** How serious a concern is: set when it is raised (CRITICAL for an immediate risk of harm), then by the DSL. */
public enum IncidentSeverity {
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL
}
