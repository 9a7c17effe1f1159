package dev.cheeseshop.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Requires-Python values, valid as packaging's SpecifierSet accepts them. */
class VersionSpecifiersTest {
    @ParameterizedTest
    @ValueSource(strings = {">=3.8", ">=3.8,<4", " >= 3.8 , < 4 ", "~=3.8", "==3.*", "!=3.0.*", "===foobar",
        ">3", "<=3.12", "==3.8.1", ">=2.7,!=3.0.*,!=3.1.*,!=3.2.*", "",
        ">=3.8,", ",", " , ", ">=3.8,,<4"})
    void accepts(String text) {
        assertThat(VersionSpecifiers.isValid(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"3.8", ">>3", "~=3", ">=3.8+local", "==3.*.1", "=>3.8", ">=dog", ">=3.8 <4"})
    void refuses(String text) {
        assertThat(VersionSpecifiers.isValid(text)).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        ">=3.8|>=3.8",
        ">= 3.8, <4|<4,>=3.8",
        " >= 3.8 , < 4 |<4,>=3.8",
        ">=2.7,!=3.0.*,!=3.1.*|!=3.0.*,!=3.1.*,>=2.7",
        ">=3.8,>=3.8|>=3.8",
        ">=3.8,,<4,|<4,>=3.8",
        "~=3.8|~=3.8",
        "not valid|not valid"})
    void normalizesAsStrOfSpecifierSet(String text, String normalized) {
        assertThat(VersionSpecifiers.normalize(text)).isEqualTo(normalized);
    }
}
