package org.chaperone.scheduling.event;

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
import org.chaperone.runtime.outbox.OutboxRelay;
import org.chaperone.runtime.outbox.OutboxWriter;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Appends many events to the platform outbox in one statement: what {@link OutboxWriter#append} does for one
 * event, for a whole class at once, so that a use case on a class costs one round trip to the outbox whatever
 * its size (issue 3, item 9). Same rows, same transaction rule, same wake-up of the relay after commit. The rows
 * are numbered in the order given, so the relay publishes them in that order.
 *
 * <p>It lives here because platform/runtime's {@code OutboxWriter} has no batch form yet; it belongs there.
 */
@ApplicationScoped
class OutboxBatch {

    private static final String RELAY_WAKE_KEY = OutboxBatch.class.getName() + ".wake";

    @Inject
    EntityManager entityManager;
    @Inject
    TransactionSynchronizationRegistry transactions;
    @Inject
    OutboxRelay relay;
    @ConfigProperty(name = "quarkus.application.name")
    String applicationName;

    /** An event to append: what {@link OutboxWriter#append(EventType, Object, String, Object)} takes. */
    record Pending<T>(EventType<T> type, Object aggregateId, String schoolId, T data) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void append(List<Pending<?>> events) {
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
