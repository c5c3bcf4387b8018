package org.chaperone.events;

import java.time.Instant;
import java.util.Objects;

/**
 * A CloudEvents 1.0 event as Chaperone carries it: the context attributes plus typed data.
 *
 * <p>On Kafka it travels in binary content mode (attributes as {@code ce_*} headers, data as the
 * JSON record value); {@link EventCodec} does that mapping. {@code schoolid} is Chaperone's
 * extension attribute so that consumers can scope an event without reading its data.
 */
public record CloudEvent<T>(
        String id,
        String source,
        EventType<T> type,
        String subject,
        Instant time,
        String schoolId,
        T data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String DATA_CONTENT_TYPE = "application/json";

    public CloudEvent {
        requireText(id, "id");
        requireText(source, "source");
        Objects.requireNonNull(type, "type");
        requireText(subject, "subject");
        Objects.requireNonNull(time, "time");
        requireText(schoolId, "schoolId");
        Objects.requireNonNull(data, "data");
        if (!type.dataClass().isInstance(data)) {
            throw new IllegalArgumentException("data is not a " + type.dataClass().getSimpleName());
        }
    }

    /** The Kafka topic of this event's type. */
    public String topic() {
        return type.topic();
    }

    /** The Kafka record key: the aggregate id, so that one aggregate's events stay in order. */
    public String key() {
        return subject;
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
