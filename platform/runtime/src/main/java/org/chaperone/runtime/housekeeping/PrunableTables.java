package org.chaperone.runtime.housekeeping;

import java.util.List;

/**
 * The extension point of housekeeping: a service whose schema has queue tables of its own (rows that only matter
 * until they were handled, like notification-service's status callbacks) implements this as a CDI bean, and the
 * platform's job prunes those tables too, with the same batches, lock, metrics and log.
 *
 * <p>Only queue tables belong here, never the safeguarding record (concerns, chronology, audit, consents,
 * deliveries): those are kept by their own retention rules.
 */
public interface PrunableTables {

    List<PrunableTable> prunableTables();
}
