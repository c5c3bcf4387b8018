package org.chaperone.consent.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UpnTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "B801200005001", // the DfE's published form: check letter, LA 801, school 2000, year 05, serial 001
        "A201300001001",
        "Q801200005002",
        "B93520200101A", // temporary UPN: ends in a letter
        " b801200005001 " // case and surrounding spaces are forgiven
    })
    void acceptsUpnsWhoseCheckLetterMatches(String upn) {
        assertThat(Upn.isValid(upn)).isTrue();
        assertThat(Upn.parse(upn).value()).isEqualTo(upn.strip().toUpperCase());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "A801200005001 | The check letter does not match the rest of the UPN",
        "B801200005002 | The check letter does not match the rest of the UPN",
        "B80120000500  | A UPN has 13 characters",
        "B8012000050011| A UPN has 13 characters",
        "I801200005001 | A UPN starts with a check letter (not I, O or S)",
        "1801200005001 | A UPN starts with a check letter (not I, O or S)",
        "B80120000A001 | Characters 2 to 12 of a UPN are digits",
        "B80120000500I | A UPN ends in a digit, or a letter for a temporary UPN",
    })
    void rejectsMalformedUpnsSayingWhy(String upn, String why) {
        assertThat(Upn.isValid(upn)).isFalse();
        assertThat(Upn.problem(upn.strip())).contains(why);
        assertThatThrownBy(() -> Upn.parse(upn)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({"801200005001, B", "201300001001, A", "93520200101A, B"})
    void computesTheCheckLetter(String lastTwelve, char expected) {
        assertThat(Upn.checkLetter(lastTwelve)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"B93520200101A"})
    void knowsATemporaryUpn(String upn) {
        assertThat(Upn.parse(upn).isTemporary()).isTrue();
        assertThat(Upn.parse("B801200005001").isTemporary()).isFalse();
    }
}
