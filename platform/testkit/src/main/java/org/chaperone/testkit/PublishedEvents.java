package org.chaperone.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.chaperone.events.CloudEvent;
import org.chaperone.events.EventCodec;

/**
 * Reads CloudEvents back from a topic of the test broker, from its beginning, as a consumer would.
 * Each {@link Received} keeps the raw record too, so tests can check headers, key and JSON as sent.
 */
public final class PublishedEvents implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<Received> received = new ArrayList<>();

    private PublishedEvents(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestBroker.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "testkit-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
    }

    public static PublishedEvents on(String topic) {
        return new PublishedEvents(topic);
    }

    /** Waits until the events read so far include one that matches, and returns it. */
    public Received awaitOne(Predicate<Received> match, Duration timeout) {
        return awaitAll(match, 1, timeout).get(0);
    }

    /** Waits until at least {@code count} events that match have been read; returns all that match, in order. */
    public List<Received> awaitAll(Predicate<Received> match, int count, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            List<Received> matching = received.stream().filter(match).toList();
            if (matching.size() >= count) {
                return matching;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("expected " + count + " matching event(s) within " + timeout
                        + ", found " + matching.size() + " among " + received.size() + " read");
            }
            poll(Duration.ofMillis(200));
        }
    }

    /** Everything read so far after reading for at most {@code duration} more. */
    public List<Received> readFor(Duration duration) {
        Instant deadline = Instant.now().plus(duration);
        while (Instant.now().isBefore(deadline)) {
            poll(Duration.ofMillis(200));
        }
        return List.copyOf(received);
    }

    private void poll(Duration duration) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(duration)) {
            Map<String, String> headers = new LinkedHashMap<>();
            for (Header header : record.headers()) {
                headers.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
            }
            received.add(new Received(record.key(), headers, record.value(), EventCodec.decode(headers, record.value())));
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }

    /** One record as read: key, headers, raw value and the decoded event. */
    public record Received(String key, Map<String, String> headers, byte[] value, CloudEvent<?> event) {

        public String type() {
            return event.type().name();
        }

        public String json() {
            return new String(value, StandardCharsets.UTF_8);
        }
    }
}
