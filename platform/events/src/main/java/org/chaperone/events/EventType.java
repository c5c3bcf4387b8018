package org.chaperone.events;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One versioned event type: its CloudEvents {@code type} string, the record that carries its data,
 * the topic it is published on and the JSON Schema its data conforms to.
 */
public final class EventType<T> {

    private static final Pattern TYPE_NAME = Pattern.compile("org\\.chaperone\\.[a-z]+\\.[a-z-]+\\.v[1-9][0-9]*");

    private final String name;
    private final Class<T> dataClass;
    private final String topic;

    EventType(String name, Class<T> dataClass, String topic) {
        if (!TYPE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("event type " + name + " is not org.chaperone.<service>.<event>.v<N>");
        }
        this.name = name;
        this.dataClass = Objects.requireNonNull(dataClass);
        this.topic = Objects.requireNonNull(topic);
    }

    /** The CloudEvents {@code type}, e.g. {@code org.chaperone.consent.granted.v1}. */
    public String name() {
        return name;
    }

    public Class<T> dataClass() {
        return dataClass;
    }

    public String topic() {
        return topic;
    }

    /** The event's name without service and version, e.g. {@code granted}. */
    public String shortName() {
        String[] parts = name.split("\\.");
        return parts[3];
    }

    /** The service part of the type, e.g. {@code consent}. */
    public String service() {
        return name.split("\\.")[2];
    }

    /** The version number, e.g. 1. */
    public int version() {
        String[] parts = name.split("\\.");
        return Integer.parseInt(parts[4].substring(1));
    }

    /** Classpath location of the JSON Schema for this type's data. */
    public String schemaResource() {
        return "schemas/" + service() + "/" + shortName() + ".v" + version() + ".json";
    }

    /** The CloudEvents {@code dataschema} URI of this type. */
    public String dataSchema() {
        return "urn:chaperone:schema:" + service() + ":" + shortName() + ":v" + version();
    }

    @Override
    public String toString() {
        return name;
    }
}
