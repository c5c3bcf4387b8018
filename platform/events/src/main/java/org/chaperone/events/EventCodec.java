package org.chaperone.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Maps {@link CloudEvent}s to and from the CloudEvents Kafka protocol binding, binary content mode:
 * attributes as {@code ce_*} headers, the JSON data as the record value. Also renders the structured
 * JSON form that golden samples are written in.
 */
public final class EventCodec {

    public static final String HEADER_PREFIX = "ce_";
    public static final String CONTENT_TYPE_HEADER = "content-type";
    /** Chaperone's extension attribute: the school an event belongs to. */
    public static final String SCHOOL_ID_ATTRIBUTE = "schoolid";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            // Within a version only additive changes: an older reader ignores fields it does not know.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private EventCodec() {
    }

    /** The mapper events are written with; shared so that every service writes the same JSON. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static byte[] encodeData(Object data) {
        try {
            return MAPPER.writeValueAsBytes(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event data cannot be written as JSON", e);
        }
    }

    public static String encodeDataAsString(Object data) {
        try {
            return MAPPER.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event data cannot be written as JSON", e);
        }
    }

    /** The binary-mode Kafka headers of an event, in a stable order. */
    public static Map<String, String> headers(CloudEvent<?> event) {
        return headers(event.id(), event.source(), event.type().name(), event.subject(), event.time(),
                event.type().dataSchema(), event.schoolId());
    }

    public static Map<String, String> headers(String id, String source, String type, String subject,
            Instant time, String dataSchema, String schoolId) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(HEADER_PREFIX + "specversion", CloudEvent.SPEC_VERSION);
        headers.put(HEADER_PREFIX + "id", id);
        headers.put(HEADER_PREFIX + "source", source);
        headers.put(HEADER_PREFIX + "type", type);
        headers.put(HEADER_PREFIX + "subject", subject);
        headers.put(HEADER_PREFIX + "time", time.toString());
        headers.put(HEADER_PREFIX + "dataschema", dataSchema);
        headers.put(HEADER_PREFIX + SCHOOL_ID_ATTRIBUTE, schoolId);
        headers.put(CONTENT_TYPE_HEADER, CloudEvent.DATA_CONTENT_TYPE);
        return headers;
    }

    /**
     * Reads an event from binary-mode headers and value.
     *
     * @throws UnknownEventTypeException when the type is not one this build knows (a consumer skips it)
     * @throws MalformedEventException when a required attribute is missing or the data does not parse
     */
    public static CloudEvent<?> decode(Map<String, String> headers, byte[] value) {
        String specVersion = headers.get(HEADER_PREFIX + "specversion");
        if (!CloudEvent.SPEC_VERSION.equals(specVersion)) {
            throw new MalformedEventException("ce_specversion is " + specVersion + ", expected 1.0");
        }
        String typeName = required(headers, "type");
        EventType<?> type = EventTypes.byName(typeName)
                .orElseThrow(() -> new UnknownEventTypeException(typeName));
        return decode(type, headers, value);
    }

    private static <T> CloudEvent<T> decode(EventType<T> type, Map<String, String> headers, byte[] value) {
        if (value == null) {
            throw new MalformedEventException("event " + headers.get(HEADER_PREFIX + "id") + " has no data");
        }
        T data;
        try {
            data = MAPPER.readValue(value, type.dataClass());
        } catch (IOException e) {
            throw new MalformedEventException("data of event " + headers.get(HEADER_PREFIX + "id")
                    + " does not parse as " + type.name());
        }
        Instant time;
        try {
            time = OffsetDateTime.parse(required(headers, "time")).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw new MalformedEventException("ce_time is not an RFC 3339 timestamp");
        }
        return new CloudEvent<>(required(headers, "id"), required(headers, "source"), type,
                required(headers, "subject"), time, required(headers, SCHOOL_ID_ATTRIBUTE), data);
    }

    /** The structured-mode JSON form of an event (the form of the golden samples). */
    public static ObjectNode toStructured(CloudEvent<?> event) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("specversion", CloudEvent.SPEC_VERSION);
        node.put("id", event.id());
        node.put("source", event.source());
        node.put("type", event.type().name());
        node.put("subject", event.subject());
        node.put("time", event.time().toString());
        node.put("datacontenttype", CloudEvent.DATA_CONTENT_TYPE);
        node.put("dataschema", event.type().dataSchema());
        node.put(SCHOOL_ID_ATTRIBUTE, event.schoolId());
        node.set("data", MAPPER.valueToTree(event.data()));
        return node;
    }

    /** Reads a structured-mode JSON event back. */
    public static CloudEvent<?> fromStructured(JsonNode node) {
        Map<String, String> headers = new LinkedHashMap<>();
        node.fields().forEachRemaining(field -> {
            if (!field.getKey().equals("data") && !field.getKey().equals("datacontenttype")) {
                headers.put(HEADER_PREFIX + field.getKey(), field.getValue().asText());
            }
        });
        try {
            return decode(headers, MAPPER.writeValueAsBytes(node.get("data")));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String required(Map<String, String> headers, String attribute) {
        String value = headers.get(HEADER_PREFIX + attribute);
        if (value == null || value.isBlank()) {
            throw new MalformedEventException("event has no ce_" + attribute);
        }
        return value;
    }

    /** An event this build cannot read because its type is unknown to it. */
    public static final class UnknownEventTypeException extends RuntimeException {
        public UnknownEventTypeException(String type) {
            super("unknown event type " + type);
        }
    }

    /** An event that breaks the envelope or its type's data contract. */
    public static final class MalformedEventException extends RuntimeException {
        public MalformedEventException(String message) {
            super(message);
        }
    }
}
