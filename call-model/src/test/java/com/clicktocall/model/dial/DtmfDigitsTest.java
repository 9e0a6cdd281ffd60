package com.clicktocall.model.dial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DtmfDigitsTest {

    @ParameterizedTest
    @ValueSource(strings = {"1", "0123456789", "*#", "ABCD", "abcd", "1,,2", "12345678901234567890123456789012345678901234567890"})
    void dtmfAlphabet_isAccepted(String digits) {
        assertThat(DtmfDigits.problem(digits)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"E", "1 2", "12\n", "1\u00002", "٣", "+", "x", "123456789012345678901234567890123456789012345678901"})
    void anythingElse_isRefusedWithAReason(String digits) {
        assertThat(DtmfDigits.problem(digits)).isPresent();
        assertThat(DtmfDigits.isValid(digits)).isFalse();
    }

    @Test
    void refusal_namesTheOffendingCharacterAndPosition() {
        assertThat(DtmfDigits.problem("12E")).hasValueSatisfying(p -> assertThat(p).contains("'E'").contains("position 3"));
        assertThat(DtmfDigits.problem("1\n")).hasValueSatisfying(p -> assertThat(p).contains("U+000A"));
        assertThat(DtmfDigits.problem("")).hasValue("no digits given");
        assertThat(DtmfDigits.problem(null)).hasValue("no digits given");
    }

    @Test
    void normalise_upperCasesLetters() {
        assertThat(DtmfDigits.normalise("1a#d")).isEqualTo("1A#D");
        assertThatThrownBy(() -> DtmfDigits.normalise("9e")).isInstanceOf(IllegalArgumentException.class);
    }
}
