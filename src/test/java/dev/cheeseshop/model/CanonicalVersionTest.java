package dev.cheeseshop.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Version#canonical()} and {@link Version#canonicalize(String)} against canonicalize_version. */
class CanonicalVersionTest {

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        // packaging tests/test_utils.py, test_canonicalize_version (valid rows)
        "1.4.0 | 1.4", "1.40.0 | 1.40", "1.4.0.0.00.000.0000 | 1.4", "1.0 | 1", "1.0+abc | 1+abc",
        "1.0.dev0 | 1.dev0", "1.0.post0 | 1.post0", "1.0a0 | 1a0", "1.0rc0 | 1rc0",
        "100!0.0 | 100!0",
        // packaging's canonicalize_version docstring
        "1.0.1 | 1.0.1", "1.0.0 | 1", "1.4.0.0.0 | 1.4",
        // more, each checked against packaging 26.2
        "1.0.0rc1 | 1rc1", "0.0 | 0", "0 | 0", "0.0.0a1 | 0a1", "00 | 0", "0!1.0 | 1",
        "1!0.0+a | 1!0+a", "1.0.0+ubuntu-1 | 1+ubuntu.1", "v1.0.0 | 1", "1.10.0 | 1.10",
        "1.0.10 | 1.0.10", "10.0 | 10", "1.0.0.post0.dev0 | 1.post0.dev0", "1.0-1 | 1.post1",
        "1.0a.1 | 1a1", "1!1.0-dev | 1!1.dev0", "1.0c1 | 1rc1", "1.0+ABC-01 | 1+abc.1",
        "1.0+0.0 | 1+0.0", "2.0.0.0+foo0100 | 2+foo0100", "1.0.0.1 | 1.0.0.1",
        "1.99999999999999999999999.0 | 1.99999999999999999999999",
    })
    void canonicalFormMatchesCanonicalizeVersion(String text, String canonical) {
        assertThat(Version.parse(text).canonical()).isEqualTo(canonical);
        assertThat(Version.canonicalize(text)).isEqualTo(canonical);
    }

    @Test
    void canonicalizeTrimsSurroundingWhitespaceOfValidText() {
        assertThat(Version.canonicalize(" 1.0.0\n")).isEqualTo("1");
    }

    /** packaging tests/test_utils.py and the docstring: improper version strings are unchanged. */
    @ParameterizedTest
    @ValueSource(strings = {"lolwat", "1.0.1-test7", "foo bar baz", "", " 1.0- "})
    void canonicalizeReturnsInvalidTextUnchanged(String text) {
        assertThat(Version.canonicalize(text)).isEqualTo(text);
    }

    @Test
    void canonicalizeRefusesNull() {
        assertThatThrownBy(() -> Version.canonicalize(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void canonicalFormKeepsTheNormalFormsOtherParts() {
        Version version = Version.parse("2!1.0.0RC1-3.DEV4+Local_7");
        assertThat(version).hasToString("2!1.0.0rc1.post3.dev4+local.7");
        assertThat(version.canonical()).isEqualTo("2!1rc1.post3.dev4+local.7");
        assertThat(version.release()).hasSize(3); // canonical() does not change the version
    }

    /** Two versions are equal exactly when their canonical forms are. */
    @Test
    void canonicalFormIdentifiesEqualVersions() {
        List<Version> versions = Stream.concat(
                        Stream.concat(VersionOrderingTest.PACKAGING_VERSIONS.stream(),
                                VersionOrderingTest.PEP440_SUMMARY.stream()),
                        Stream.of("1", "1.0.0", "v1.0", "0!1.0.0.0", "1.0c1", "1.0.0rc1", "1+1",
                                "1.0+01", "1.0+a1", "1.0+A01", "0", "0.0", "0.0.0+0", "1.0.dev0"))
                .map(Version::parse).toList();
        SoftAssertions softly = new SoftAssertions();
        for (Version x : versions) {
            for (Version y : versions) {
                softly.assertThat(x.canonical().equals(y.canonical()))
                        .as("canonical %s vs %s", x, y)
                        .isEqualTo(x.equals(y));
            }
        }
        softly.assertAll();
    }
}
