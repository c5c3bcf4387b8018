package org.chaperone.events.notification;

/** Who a message was for: a guardian or a member of staff by id, or a rota role that nobody holds. */
public enum RecipientType {
    GUARDIAN,
    STAFF,
    UNFILLED_ROLE
}
