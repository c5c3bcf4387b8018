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
import java.util.List;
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

    /** An event to append: what {@link #append(EventType, Object, String, Object)} takes. */
    public record Pending<T>(EventType<T> type, Object aggregateId, String schoolId, T data) {
    }

    /**
     * Appends many events in one statement, in the order given (the relay publishes them in that order): what
     * {@link #append(EventType, Object, String, Object)} does for one event, so that a use case on a whole class
     * costs one round trip to the outbox whatever its size.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void appendAll(List<Pending<?>> events) {
        if (events.isEmpty()) {
            return;
        }
        int n = events.size();
        String[] ids = new String[n];
        String[] topics = new String[n];
        String[] keys = new String[n];
        String[] types = new String[n];
        String[] sources = new String[n];
        String[] subjects = new String[n];
        String[] schools = new String[n];
        String[] times = new String[n];
        String[] schemas = new String[n];
        String[] data = new String[n];
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        for (int i = 0; i < n; i++) {
            CloudEvent<?> event = cloudEvent(events.get(i), now);
            ids[i] = event.id();
            topics[i] = event.topic();
            keys[i] = event.key();
            types[i] = event.type().name();
            sources[i] = event.source();
            subjects[i] = event.subject();
            schools[i] = event.schoolId();
            times[i] = event.time().toString();
            schemas[i] = event.type().dataSchema();
            data[i] = EventCodec.encodeDataAsString(event.data());
        }
        entityManager.createNativeQuery("""
                insert into outbox_event (id, topic, record_key, type, source, subject, school_id, event_time,
                                          data_schema, data)
                select cast(e.id as uuid), e.topic, e.record_key, e.type, e.source, e.subject, e.school_id,
                       cast(e.event_time as timestamptz), e.data_schema, e.data
                from unnest(cast(:ids as text[]), cast(:topics as text[]), cast(:keys as text[]),
                            cast(:types as text[]), cast(:sources as text[]), cast(:subjects as text[]),
                            cast(:schools as text[]), cast(:times as text[]), cast(:schemas as text[]),
                            cast(:data as text[]))
                     with ordinality as e(id, topic, record_key, type, source, subject, school_id, event_time,
                                          data_schema, data, n)
                order by e.n
                """)
                .setParameter("ids", ids).setParameter("topics", topics).setParameter("keys", keys)
                .setParameter("types", types).setParameter("sources", sources).setParameter("subjects", subjects)
                .setParameter("schools", schools).setParameter("times", times).setParameter("schemas", schemas)
                .setParameter("data", data)
                .executeUpdate();
        wakeRelayAfterCommit();
    }

    private <T> CloudEvent<T> cloudEvent(Pending<T> pending, Instant now) {
        return new CloudEvent<>(UUID.randomUUID().toString(), "/chaperone/" + applicationName, pending.type(),
                pending.aggregateId().toString(), now, pending.schoolId(), pending.data());
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
