package org.chaperone.incident.domain;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * How long a concern is kept (R16, IRMS toolkit): a child-protection record until the pupil's date of birth + 25
 * years, then reviewed. A concern naming several pupils is kept until the last of their dates; if any of their dates of
 * birth is unknown, so is the concern's retention date, and it says which pupils are missing.
 */
public record Retention(LocalDate until, RetentionBasis basis, List<UUID> pupilsWithoutDateOfBirth) {

    /** IRMS: child-protection records are kept to the child's date of birth plus 25 years. */
    public static final Period CHILD_PROTECTION = Period.ofYears(25);

    public Retention {
        pupilsWithoutDateOfBirth = List.copyOf(pupilsWithoutDateOfBirth);
    }

    /** The retention of a concern naming {@code pupils}, given the dates of birth known for them. */
    public static Retention of(Collection<UUID> pupils, Map<UUID, LocalDate> datesOfBirth) {
        if (pupils.isEmpty()) {
            return new Retention(null, RetentionBasis.NO_PUPIL_NAMED, List.of());
        }
        List<UUID> missing = new ArrayList<>();
        LocalDate latest = null;
        for (UUID pupil : pupils) {
            LocalDate born = datesOfBirth.get(pupil);
            if (born == null) {
                missing.add(pupil);
            } else {
                LocalDate until = born.plus(CHILD_PROTECTION);
                latest = latest == null || until.isAfter(latest) ? until : latest;
            }
        }
        if (!missing.isEmpty()) {
            return new Retention(null, RetentionBasis.DATE_OF_BIRTH_UNKNOWN, missing);
        }
        return new Retention(latest, RetentionBasis.DATE_OF_BIRTH_PLUS_25_YEARS, List.of());
    }
}
