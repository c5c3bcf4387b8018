package org.chaperone.notification.domain;

/** PENDING until sent; FAILED when there is nobody to send to or the last attempt failed (the dead letter). */
public enum DeliveryStatus {
    PENDING,
    SENT,
    FAILED
}
