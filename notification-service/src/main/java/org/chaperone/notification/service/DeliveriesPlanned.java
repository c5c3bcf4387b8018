package org.chaperone.notification.service;

/** Fired in a consumer's transaction when it planned deliveries; after commit it wakes the sender. */
public record DeliveriesPlanned(String eventId, int count) {
}
