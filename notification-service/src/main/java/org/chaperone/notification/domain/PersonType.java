package org.chaperone.notification.domain;

/** Whose contact point it is: a guardian (id from consent-service, a UUID) or a member of staff (token subject). */
public enum PersonType {
    GUARDIAN,
    STAFF
}
