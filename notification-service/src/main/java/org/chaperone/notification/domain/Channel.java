package org.chaperone.notification.domain;

/** How a message reaches a person. */
public enum Channel {
    EMAIL,
    SMS,
    APP
}
