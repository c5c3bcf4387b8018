package org.chaperone.events.notification;

/** Why a message was given up: nowhere to send it, or every attempt failed (a dead letter). */
public enum FailureKind {
    UNREACHABLE,
    ATTEMPTS_EXHAUSTED
}
