package org.chaperone.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.chaperone.events.CloudEvent;
import org.chaperone.events.EventCodec;
import org.chaperone.events.EventTypes;
import org.chaperone.events.consent.ConsentPurpose;
import org.chaperone.events.consent.ConsentScope;
import org.chaperone.events.consent.ConsentWithdrawn;
import org.chaperone.events.consent.DecisionChannel;
import org.chaperone.testkit.TestBroker;
import org.junit.jupiter.api.Test;

@QuarkusTest
class InboxTest {

    @Inject
    EntityManager entityManager;

    @Test
    void eventDeliveredTwiceIsAppliedOnce() throws Exception {
        CloudEvent<ConsentWithdrawn> duplicate = event();
        CloudEvent<ConsentWithdrawn> marker = event();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestBroker.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(record(duplicate)).get();
            producer.send(record(duplicate)).get();
            // Same partition (same key) and sent last: once the marker is applied, both copies were consumed.
            producer.send(record(marker)).get();
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> effects(marker.id()) == 1);
        assertThat(effects(duplicate.id())).isEqualTo(1);
        assertThat(inboxRows(duplicate.id())).isEqualTo(1);
    }

    private static final UUID PUPIL = UUID.randomUUID();

    private static CloudEvent<ConsentWithdrawn> event() {
        return new CloudEvent<>(UUID.randomUUID().toString(), "/chaperone/test", EventTypes.CONSENT_WITHDRAWN,
                PUPIL.toString(), Instant.now(), "school-a",
                new ConsentWithdrawn(UUID.randomUUID(), UUID.randomUUID(), "school-a", PUPIL, UUID.randomUUID(),
                        ConsentPurpose.LIVE_VIDEO, ConsentScope.STANDING, null, DecisionChannel.PARENT_APP,
                        Instant.now(), "parent-1"));
    }

    private static ProducerRecord<String, byte[]> record(CloudEvent<?> event) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>("runtime.inbox.test", event.key(),
                EventCodec.encodeData(event.data()));
        EventCodec.headers(event).forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    @Transactional
    long effects(String eventId) {
        return ((Number) entityManager.createNativeQuery("select count(*) from applied_effect where event_id = :id")
                .setParameter("id", eventId).getSingleResult()).longValue();
    }

    @Transactional
    long inboxRows(String eventId) {
        return ((Number) entityManager.createNativeQuery(
                "select count(*) from inbox_event where consumer = 'probe-consumer' and event_id = :id")
                .setParameter("id", eventId).getSingleResult()).longValue();
    }
}
