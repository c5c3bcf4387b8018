package org.chaperone.notification.service;

/** Fired in a transaction that queued status callbacks; the callback sender runs a round once it commits. */
public record StatusCallbacksQueued(int count) {
}
