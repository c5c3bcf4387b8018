package org.chaperone.runtime.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.chaperone.events.CloudEvent;
import org.chaperone.events.EventCodec;
import org.chaperone.events.EventType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Writes events to the transactional outbox. It must be called inside the transaction that makes the
 * state change the event announces, so that both commit or neither does; after commit the relay is woken
 * to publish at once, and the poller publishes whatever that misses.
 */
@ApplicationScoped
public class OutboxWriter {

    private static final String RELAY_WAKE_KEY = OutboxWriter.class.getName() + ".wake";

    @Inject
    EntityManager entityManager;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    OutboxRelay relay;

    @ConfigProperty(name = "quarkus.application.name")
    String applicationName;

    /** Builds a CloudEvent (new id, now, this service as source) and appends it to the outbox. */
    @Transactional(Transactional.TxType.MANDATORY)
    public <T> CloudEvent<T> append(EventType<T> type, Object aggregateId, String schoolId, T data) {
        CloudEvent<T> event = new CloudEvent<>(UUID.randomUUID().toString(), "/chaperone/" + applicationName, type,
                aggregateId.toString(), Instant.now().truncatedTo(ChronoUnit.MICROS), schoolId, data);
        append(event);
        return event;
    }

    /** Appends an event built by the caller. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void append(CloudEvent<?> event) {
        entityManager.createNativeQuery("""
                insert into outbox_event (id, topic, record_key, type, source, subject, school_id, event_time,
                                          data_schema, data)
                values (:id, :topic, :key, :type, :source, :subject, :school, :time, :schema, :data)
                """)
                .setParameter("id", UUID.fromString(event.id()))
                .setParameter("topic", event.topic())
                .setParameter("key", event.key())
                .setParameter("type", event.type().name())
                .setParameter("source", event.source())
                .setParameter("subject", event.subject())
                .setParameter("school", event.schoolId())
                .setParameter("time", event.time())
                .setParameter("schema", event.type().dataSchema())
                .setParameter("data", EventCodec.encodeDataAsString(event.data()))
                .executeUpdate();
        wakeRelayAfterCommit();
    }

    private void wakeRelayAfterCommit() {
        if (transactions.getResource(RELAY_WAKE_KEY) != null) {
            return;
        }
        transactions.putResource(RELAY_WAKE_KEY, Boolean.TRUE);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    relay.wake();
                }
            }
        });
    }
}
