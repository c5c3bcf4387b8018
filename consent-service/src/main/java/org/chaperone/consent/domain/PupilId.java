package org.chaperone.consent.domain;

import java.util.Objects;
import java.util.UUID;

/** Typed id of a pupil. */
public record PupilId(UUID value) {

    public PupilId {
        Objects.requireNonNull(value, "value");
    }

    public static PupilId random() {
        return new PupilId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
