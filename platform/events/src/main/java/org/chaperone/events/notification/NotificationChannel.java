package org.chaperone.events.notification;

/** The channel a message went out on. */
public enum NotificationChannel {
    EMAIL,
    SMS,
    APP
}
