package org.chaperone.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The JSON Schema of each event type's data, and of the CloudEvents envelope, loaded from the classpath. */
public final class EventSchemas {

    public static final String ENVELOPE_SCHEMA = "schemas/cloudevent.v1.json";

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final Map<String, JsonSchema> CACHE = new ConcurrentHashMap<>();

    private EventSchemas() {
    }

    /** Problems of {@code data} against the schema of {@code type}; empty when it conforms. */
    public static List<String> validateData(EventType<?> type, JsonNode data) {
        return validate(type.schemaResource(), data);
    }

    /** Problems of a structured-mode event against the envelope schema and its type's data schema. */
    public static List<String> validateStructured(JsonNode event) {
        List<String> problems = new java.util.ArrayList<>(validate(ENVELOPE_SCHEMA, event));
        EventTypes.byName(event.path("type").asText()).ifPresentOrElse(
                type -> problems.addAll(validateData(type, event.path("data"))),
                () -> problems.add("$.type: unknown event type " + event.path("type").asText()));
        return problems;
    }

    private static List<String> validate(String resource, JsonNode node) {
        JsonSchema schema = CACHE.computeIfAbsent(resource, EventSchemas::load);
        return schema.validate(node).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    private static JsonSchema load(String resource) {
        try (InputStream in = EventSchemas.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no JSON Schema at " + resource);
            }
            return FACTORY.getSchema(EventCodec.mapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
