package org.chaperone.incident.domain;

import java.util.Objects;
import java.util.UUID;

/** Typed id of a safeguarding concern (an incident). */
public record IncidentId(UUID value) {

    public IncidentId {
        Objects.requireNonNull(value, "value");
    }

    public static IncidentId random() {
        return new IncidentId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
