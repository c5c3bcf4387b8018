package org.chaperone.notification.domain;

import java.util.Objects;

/** One person a message is for, by id, never by address; or a rota role nobody fills. */
public record Recipient(RecipientType type, String id) {

    public Recipient {
        Objects.requireNonNull(type, "type");
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a recipient has an id");
        }
    }

    public static Recipient guardian(Object guardianId) {
        return new Recipient(RecipientType.GUARDIAN, guardianId.toString());
    }

    public static Recipient staff(String staffId) {
        return new Recipient(RecipientType.STAFF, staffId);
    }

    public static Recipient unfilled(String role) {
        return new Recipient(RecipientType.UNFILLED_ROLE, role);
    }
}
