package org.chaperone.consent.domain;

import java.util.Objects;
import java.util.UUID;

/** Typed id of one consent decision in a pupil's history. */
public record ConsentId(UUID value) {

    public ConsentId {
        Objects.requireNonNull(value, "value");
    }

    public static ConsentId random() {
        return new ConsentId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
