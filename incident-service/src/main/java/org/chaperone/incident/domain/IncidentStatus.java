package org.chaperone.incident.domain;

/** Where a concern stands: raised and not yet acknowledged (alerts escalate), being handled, or closed. */
public enum IncidentStatus {
    RAISED,
    ACKNOWLEDGED,
    CLOSED
}
