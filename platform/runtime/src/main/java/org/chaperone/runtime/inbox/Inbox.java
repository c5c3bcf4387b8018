package org.chaperone.runtime.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.chaperone.events.CloudEvent;
import org.chaperone.events.EventCodec;
import org.jboss.logging.Logger;

/**
 * Applies each event at most once per consumer: the event id goes into the inbox in the same transaction
 * as the effect, and a redelivered event finds its id there and changes nothing.
 *
 * <p>{@code insert ... on conflict do nothing} is the check: unlike check-then-insert it cannot race, and it
 * never raises a constraint violation that would mark the transaction for rollback and stop the channel.
 */
@ApplicationScoped
public class Inbox {

    private static final Logger LOG = Logger.getLogger(Inbox.class);

    @Inject
    EntityManager entityManager;

    /**
     * Runs {@code effect} unless {@code consumer} has already applied this event; returns whether it ran.
     * The effect joins this transaction, so the effect and the inbox row commit together.
     */
    @Transactional
    public boolean applyOnce(String consumer, CloudEvent<?> event, Consumer<CloudEvent<?>> effect) {
        int inserted = entityManager.createNativeQuery("""
                insert into inbox_event (consumer, event_id, event_type) values (:consumer, :id, :type)
                on conflict (consumer, event_id) do nothing
                """)
                .setParameter("consumer", consumer)
                .setParameter("id", event.id())
                .setParameter("type", event.type().name())
                .executeUpdate();
        if (inserted == 0) {
            LOG.debugf("%s already applied event %s; skipped", consumer, event.id());
            return false;
        }
        effect.accept(event);
        return true;
    }

    /**
     * Decodes a Kafka record in CloudEvents binary mode and applies it once. Events of types this build does
     * not know are skipped (a newer producer may add types); a malformed event is logged by id and skipped
     * rather than stopping the channel.
     */
    @Transactional
    public boolean applyOnce(String consumer, ConsumerRecord<String, byte[]> record, Consumer<CloudEvent<?>> effect) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            if (header.value() != null) {
                headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        CloudEvent<?> event;
        try {
            event = EventCodec.decode(headers, record.value());
        } catch (EventCodec.UnknownEventTypeException e) {
            LOG.debugf("%s skipped %s at %s-%d@%d", consumer, e.getMessage(), record.topic(), record.partition(),
                    record.offset());
            return false;
        } catch (EventCodec.MalformedEventException | IllegalArgumentException e) {
            LOG.errorf("%s rejected a malformed event at %s-%d@%d: %s", consumer, record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return false;
        }
        return applyOnce(consumer, event, effect);
    }
}
