package org.chaperone.notification.domain;

/**
 * Who a delivery is for: a guardian, a member of staff, or a role of the rota nobody fills (so that a message
 * with nobody to receive it is still accounted for, as a failed delivery).
 */
public enum RecipientType {
    GUARDIAN,
    STAFF,
    UNFILLED_ROLE;

    public static RecipientType of(PersonType type) {
        return type == PersonType.GUARDIAN ? GUARDIAN : STAFF;
    }

    public PersonType personType() {
        return switch (this) {
            case GUARDIAN -> PersonType.GUARDIAN;
            case STAFF -> PersonType.STAFF;
            case UNFILLED_ROLE -> throw new IllegalStateException("an unfilled role is nobody");
        };
    }
}
