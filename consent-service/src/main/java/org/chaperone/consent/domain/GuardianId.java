package org.chaperone.consent.domain;

import java.util.Objects;
import java.util.UUID;

/** Typed id of a guardian (a parent or carer registered by the school). */
public record GuardianId(UUID value) {

    public GuardianId {
        Objects.requireNonNull(value, "value");
    }

    public static GuardianId random() {
        return new GuardianId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
