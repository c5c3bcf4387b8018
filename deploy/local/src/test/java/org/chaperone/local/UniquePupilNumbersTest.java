package org.chaperone.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UniquePupilNumbersTest {

    @Test
    void theDfeExampleIsValidAndAnyOtherCheckLetterIsNot() {
        assertThat(UniquePupilNumbers.isValid("B801200005001")).isTrue();
        assertThat(UniquePupilNumbers.isValid("A801200005001")).isFalse();
        for (char letter : UniquePupilNumbers.CHECK_LETTERS.toCharArray()) {
            assertThat(UniquePupilNumbers.isValid(letter + "801200005001")).as("check letter %s", letter)
                    .isEqualTo(letter == 'B');
        }
    }

    @Test
    void checkLetterIsTheWeightedSumModulo23() {
        // 8*2 + 0*3 + 1*4 + 2*5 + 0*6 + 0*7 + 0*8 + 0*9 + 0*10 + 0*11 + 0*12 + 1*13 = 43; 43 mod 23 = 20 -> X
        assertThat(UniquePupilNumbers.checkLetter("801200000001")).isEqualTo('X');
        assertThat(UniquePupilNumbers.checkLetter("801200005001")).isEqualTo('B');
    }

    @Test
    void issuedNumbersCarryTheirPartsAndAValidCheckLetter() {
        String upn = UniquePupilNumbers.issue(801, 2000, 5, 1);
        assertThat(upn).isEqualTo("B801200005001");
        for (int serial = 0; serial < 1000; serial += 37) {
            String issued = UniquePupilNumbers.issue(892, 2104, 22, serial);
            assertThat(issued).matches("[A-HJ-NP-RT-Z][0-9]{12}")
                    .endsWith(String.format("892210422%03d", serial));
            assertThat(UniquePupilNumbers.isValid(issued)).as(issued).isTrue();
        }
    }

    @Test
    void everySingleDigitMistakeIsCaught() {
        // weights 2..13 and digit differences 1..9 are all below the prime 23, so no product is a multiple of it
        String valid = UniquePupilNumbers.issue(310, 2021, 23, 7);
        for (int position = 1; position < 13; position++) {
            for (char digit = '0'; digit <= '9'; digit++) {
                if (valid.charAt(position) == digit) {
                    continue;
                }
                String mistyped = valid.substring(0, position) + digit + valid.substring(position + 1);
                assertThat(UniquePupilNumbers.isValid(mistyped)).as(mistyped).isFalse();
            }
        }
    }

    @Test
    void malformedNumbersAreInvalidNotErrors() {
        assertThat(UniquePupilNumbers.isValid(null)).isFalse();
        assertThat(UniquePupilNumbers.isValid("B80120000500")).isFalse();
        assertThat(UniquePupilNumbers.isValid("B8012000050011")).isFalse();
        assertThat(UniquePupilNumbers.isValid("B80120000X001")).isFalse();
        assertThat(UniquePupilNumbers.isValid("I801200005001")).isFalse();
        assertThatThrownBy(() -> UniquePupilNumbers.issue(1000, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTemporaryNumberEndsInALetterCountedByItsIndex() {
        String temporary = UniquePupilNumbers.checkLetter("80120000500A") + "80120000500A";
        assertThat(UniquePupilNumbers.isValid(temporary)).isTrue();
        assertThat(UniquePupilNumbers.isValid(temporary.substring(0, 12) + "I")).isFalse();
    }
}
