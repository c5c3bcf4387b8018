package org.chaperone.incident.domain;

import java.time.LocalDate;
import java.util.Optional;

/**
 * Whether a pupil's date of birth is believable, so that a mistyped year does not shorten a child-protection record's
 * retention (R16): not in the future, and not longer ago than anyone still in (or just out of) school could be born.
 */
public final class DateOfBirth {

    /** Pupils with special educational needs may stay in education to 25; 30 leaves room for a late review. */
    public static final int OLDEST_PLAUSIBLE_AGE = 30;

    private DateOfBirth() {
    }

    /** The rule {@code dateOfBirth} breaks on {@code today} ({@code PastOrPresent}, {@code Plausible}), if any. */
    public static Optional<String> broken(LocalDate dateOfBirth, LocalDate today) {
        if (dateOfBirth.isAfter(today)) {
            return Optional.of("PastOrPresent");
        }
        if (dateOfBirth.isBefore(today.minusYears(OLDEST_PLAUSIBLE_AGE))) {
            return Optional.of("Plausible");
        }
        return Optional.empty();
    }

    public static String message(String rule) {
        return switch (rule) {
            case "PastOrPresent" -> "A date of birth cannot be in the future";
            case "Plausible" -> "Not a plausible pupil's date of birth: more than " + OLDEST_PLAUSIBLE_AGE
                    + " years ago";
            default -> "Not a valid date of birth";
        };
    }
}
