package org.chaperone.runtime.outbox;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.chaperone.events.EventCodec;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows to Kafka in commit order and marks them published.
 *
 * <p>One drain at a time per instance (a single relay thread), and one per database schema across replicas
 * (a transaction-scoped advisory lock), so one aggregate's events reach its partition in the order they were
 * written. Rows are also locked {@code FOR UPDATE SKIP LOCKED}, so two relays never hold the same row.
 * Delivery is at least once: a crash after send and before the mark re-sends, and consumers' inboxes drop
 * the repeat.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    @Inject
    EntityManager entityManager;

    @Inject
    OutboxConfig config;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    private final AtomicBoolean drainRequested = new AtomicBoolean();
    private ExecutorService executor;
    private Producer<String, byte[]> producer;

    @PostConstruct
    void init() {
        executor = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "outbox-relay");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Asks for a drain soon; many requests while one is pending collapse into one drain. */
    public void wake() {
        if (drainRequested.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }

    private void drain() {
        drainRequested.set(false);
        drainBatches();
    }

    private int drainBatches() {
        int total = 0;
        try {
            int published;
            do {
                published = QuarkusTransaction.requiringNew().call(this::publishBatch);
                total += published;
            } while (published == config.batchSize());
        } catch (RuntimeException e) {
            // The rows stay unpublished; the poller tries again. No event content in the log.
            LOG.warnf("outbox relay could not publish, will retry: %s", e.toString());
        }
        return total;
    }

    private int publishBatch() {
        Boolean locked = (Boolean) entityManager
                .createNativeQuery("select pg_try_advisory_xact_lock(hashtext(current_schema() || '.outbox_relay'))")
                .getSingleResult();
        if (!Boolean.TRUE.equals(locked)) {
            return 0; // another replica is draining this schema's outbox
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                select id, topic, record_key, type, source, subject, school_id, event_time, data_schema, data
                from outbox_event
                where published_at is null
                order by seq
                limit :limit
                for update skip locked
                """).setParameter("limit", config.batchSize()).getResultList();
        if (rows.isEmpty()) {
            return 0;
        }
        List<UUID> ids = new ArrayList<>(rows.size());
        List<Future<RecordMetadata>> sends = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            ids.add((UUID) row[0]);
            sends.add(producer().send(toRecord(row)));
        }
        producer().flush();
        List<UUID> published = new ArrayList<>(rows.size());
        String error = null;
        long deadline = System.nanoTime() + config.sendTimeout().toNanos();
        for (int i = 0; i < sends.size(); i++) {
            try {
                sends.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                published.add(ids.get(i));
            } catch (Exception e) {
                error = e.getClass().getSimpleName();
                break; // keep commit order: nothing after a failed row is marked
            }
        }
        if (!published.isEmpty()) {
            entityManager.createNativeQuery("""
                    update outbox_event set published_at = now(), attempts = attempts + 1, last_error = null
                    where id in (:ids)
                    """).setParameter("ids", published).executeUpdate();
        }
        if (error != null) {
            entityManager.createNativeQuery("""
                    update outbox_event set attempts = attempts + 1, last_error = :error where id = :id
                    """).setParameter("error", error).setParameter("id", ids.get(published.size())).executeUpdate();
            LOG.warnf("outbox relay published %d of %d rows; the rest wait for the poller (%s)",
                    published.size(), ids.size(), error);
        }
        return published.size();
    }

    private ProducerRecord<String, byte[]> toRecord(Object[] row) {
        Map<String, String> headers = EventCodec.headers(row[0].toString(), (String) row[4], (String) row[3],
                (String) row[5], toInstant(row[7]), (String) row[8], (String) row[6]);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>((String) row[1], (String) row[2],
                ((String) row[9]).getBytes(StandardCharsets.UTF_8));
        headers.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant();
        }
        throw new IllegalStateException("unexpected event_time type " + value.getClass());
    }

    private synchronized Producer<String, byte[]> producer() {
        if (producer == null) {
            Map<String, Object> props = new HashMap<>();
            kafkaConfig.forEach((key, value) -> {
                if (!key.equals("group.id") && !key.startsWith("key.") && !key.startsWith("value.")) {
                    props.put(key, value);
                }
            });
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
            props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) config.maxBlock().toMillis());
            props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(config.sendTimeout().toMillis(), 10_000));
            props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) config.sendTimeout().toMillis()
                    + (int) Math.min(config.sendTimeout().toMillis(), 10_000));
            props.put(ProducerConfig.LINGER_MS_CONFIG, 1);
            props.put(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay-" + UUID.randomUUID());
            producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    void onShutdown(@Observes ShutdownEvent event) {
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (producer != null) {
                producer.close(java.time.Duration.ofSeconds(2));
            }
        }
    }
}
