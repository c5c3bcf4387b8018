package org.chaperone.consent.domain;

import java.util.Objects;
import java.util.UUID;

/** Typed id of a consent request sent to the guardians of a list of pupils. */
public record ConsentRequestId(UUID value) {

    public ConsentRequestId {
        Objects.requireNonNull(value, "value");
    }

    public static ConsentRequestId random() {
        return new ConsentRequestId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
