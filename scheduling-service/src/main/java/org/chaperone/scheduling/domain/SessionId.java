package org.chaperone.scheduling.domain;

import java.util.Objects;
import java.util.UUID;

/** Typed id of a live video session. */
public record SessionId(UUID value) {

    public SessionId {
        Objects.requireNonNull(value, "value");
    }

    public static SessionId random() {
        return new SessionId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
