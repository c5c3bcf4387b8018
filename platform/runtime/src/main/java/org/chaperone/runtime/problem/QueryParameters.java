package org.chaperone.runtime.problem;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Reads typed query parameters with a 400 that names the parameter. (JAX-RS answers 404 when it cannot convert a
 * query parameter itself, which would tell a caller nothing.)
 */
public final class QueryParameters {

    private QueryParameters() {
    }

    public static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException(name, "NotNull", "Required, as a date-time with offset (RFC 3339)");
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(name, "Type", "Must be a date-time with offset (RFC 3339)");
        }
    }
}
