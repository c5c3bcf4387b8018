package org.chaperone.events.notification;

/** What a message was about: one per template of notification-service. */
public enum NotificationKind {
    INVITE,
    INVITE_REVOKED,
    SESSION_SCHEDULED,
    SESSION_APPROVAL_REQUESTED,
    CONSENT_REQUESTED,
    INCIDENT_ALERT,
    INCIDENT_ESCALATION,
    SESSION_TERMINATED
}
