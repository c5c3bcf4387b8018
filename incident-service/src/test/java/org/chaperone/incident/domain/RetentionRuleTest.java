package org.chaperone.incident.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** R16: a child-protection record is kept until the youngest pupil's date of birth + 25 years, else it is unknown. */
class RetentionRuleTest {

    static final UUID ANN = UUID.randomUUID();
    static final UUID BEN = UUID.randomUUID();

    @Test
    void dateOfBirthPlus25Years() {
        Retention retention = Retention.of(List.of(ANN), Map.of(ANN, LocalDate.of(2014, 9, 3)));
        assertThat(retention.until()).isEqualTo(LocalDate.of(2039, 9, 3));
        assertThat(retention.basis()).isEqualTo(RetentionBasis.DATE_OF_BIRTH_PLUS_25_YEARS);
        assertThat(retention.pupilsWithoutDateOfBirth()).isEmpty();
    }

    @Test
    void aLeapDayBirthdayIsKeptToThe28thOfFebruary() {
        assertThat(Retention.of(List.of(ANN), Map.of(ANN, LocalDate.of(2016, 2, 29))).until())
                .isEqualTo(LocalDate.of(2041, 2, 28));
    }

    @Test
    void severalPupilsKeepItUntilTheYoungestsDate() {
        Retention retention = Retention.of(List.of(ANN, BEN),
                Map.of(ANN, LocalDate.of(2012, 1, 1), BEN, LocalDate.of(2015, 6, 30)));
        assertThat(retention.until()).isEqualTo(LocalDate.of(2040, 6, 30));
    }

    @Test
    void anyUnknownDateOfBirthMakesItUnknownAndSaysWhose() {
        Retention retention = Retention.of(List.of(ANN, BEN), Map.of(ANN, LocalDate.of(2012, 1, 1)));
        assertThat(retention.until()).isNull();
        assertThat(retention.basis()).isEqualTo(RetentionBasis.DATE_OF_BIRTH_UNKNOWN);
        assertThat(retention.pupilsWithoutDateOfBirth()).containsExactly(BEN);
    }

    @Test
    void aConcernNamingNoPupilIsNotAPupilsRecord() {
        Retention retention = Retention.of(List.of(), Map.of(ANN, LocalDate.of(2012, 1, 1)));
        assertThat(retention.until()).isNull();
        assertThat(retention.basis()).isEqualTo(RetentionBasis.NO_PUPIL_NAMED);
    }

    @ParameterizedTest(name = "born {0}, on 2026-05-10: {1}")
    @CsvSource({
        "2026-05-11, PastOrPresent",
        "2030-01-01, PastOrPresent",
        "1996-05-09, Plausible",
        "1900-01-01, Plausible",
        "1996-05-10, ",
        "2015-02-28, ",
        "2026-05-10, "
    })
    void aDateOfBirthIsPastAndPlausible(LocalDate born, String rule) {
        assertThat(DateOfBirth.broken(born, LocalDate.of(2026, 5, 10)).orElse(null)).isEqualTo(rule);
    }
}
