package dev.cheeseshop.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Parsing, normalisation, rejection and accessors, checked against packaging's behaviour. */
class VersionParsingTest {

    private static final String INVALID = " is invalid for 'version'";

    /** packaging tests/test_version.py, test_normalized_versions. */
    static Stream<Arguments> packagingNormalisations() {
        return Stream.of(
                // Various development release incarnations
                Arguments.of("1.0dev", "1.0.dev0"), Arguments.of("1.0.dev", "1.0.dev0"),
                Arguments.of("1.0dev1", "1.0.dev1"), Arguments.of("1.0-dev", "1.0.dev0"),
                Arguments.of("1.0-dev1", "1.0.dev1"), Arguments.of("1.0DEV", "1.0.dev0"),
                Arguments.of("1.0.DEV", "1.0.dev0"), Arguments.of("1.0DEV1", "1.0.dev1"),
                Arguments.of("1.0.DEV1", "1.0.dev1"), Arguments.of("1.0-DEV", "1.0.dev0"),
                Arguments.of("1.0-DEV1", "1.0.dev1"),
                // Various alpha incarnations
                Arguments.of("1.0a", "1.0a0"), Arguments.of("1.0.a", "1.0a0"),
                Arguments.of("1.0.a1", "1.0a1"), Arguments.of("1.0-a", "1.0a0"),
                Arguments.of("1.0-a1", "1.0a1"), Arguments.of("1.0alpha", "1.0a0"),
                Arguments.of("1.0.alpha", "1.0a0"), Arguments.of("1.0.alpha1", "1.0a1"),
                Arguments.of("1.0-alpha", "1.0a0"), Arguments.of("1.0-alpha1", "1.0a1"),
                Arguments.of("1.0A", "1.0a0"), Arguments.of("1.0.A", "1.0a0"),
                Arguments.of("1.0.A1", "1.0a1"), Arguments.of("1.0-A", "1.0a0"),
                Arguments.of("1.0-A1", "1.0a1"), Arguments.of("1.0ALPHA", "1.0a0"),
                Arguments.of("1.0.ALPHA", "1.0a0"), Arguments.of("1.0.ALPHA1", "1.0a1"),
                Arguments.of("1.0-ALPHA", "1.0a0"), Arguments.of("1.0-ALPHA1", "1.0a1"),
                // Various beta incarnations
                Arguments.of("1.0b", "1.0b0"), Arguments.of("1.0.b", "1.0b0"),
                Arguments.of("1.0.b1", "1.0b1"), Arguments.of("1.0-b", "1.0b0"),
                Arguments.of("1.0-b1", "1.0b1"), Arguments.of("1.0beta", "1.0b0"),
                Arguments.of("1.0.beta", "1.0b0"), Arguments.of("1.0.beta1", "1.0b1"),
                Arguments.of("1.0-beta", "1.0b0"), Arguments.of("1.0-beta1", "1.0b1"),
                Arguments.of("1.0B", "1.0b0"), Arguments.of("1.0.B", "1.0b0"),
                Arguments.of("1.0.B1", "1.0b1"), Arguments.of("1.0-B", "1.0b0"),
                Arguments.of("1.0-B1", "1.0b1"), Arguments.of("1.0BETA", "1.0b0"),
                Arguments.of("1.0.BETA", "1.0b0"), Arguments.of("1.0.BETA1", "1.0b1"),
                Arguments.of("1.0-BETA", "1.0b0"), Arguments.of("1.0-BETA1", "1.0b1"),
                // Various release candidate incarnations
                Arguments.of("1.0c", "1.0rc0"), Arguments.of("1.0.c", "1.0rc0"),
                Arguments.of("1.0.c1", "1.0rc1"), Arguments.of("1.0-c", "1.0rc0"),
                Arguments.of("1.0-c1", "1.0rc1"), Arguments.of("1.0rc", "1.0rc0"),
                Arguments.of("1.0.rc", "1.0rc0"), Arguments.of("1.0.rc1", "1.0rc1"),
                Arguments.of("1.0-rc", "1.0rc0"), Arguments.of("1.0-rc1", "1.0rc1"),
                Arguments.of("1.0C", "1.0rc0"), Arguments.of("1.0.C", "1.0rc0"),
                Arguments.of("1.0.C1", "1.0rc1"), Arguments.of("1.0-C", "1.0rc0"),
                Arguments.of("1.0-C1", "1.0rc1"), Arguments.of("1.0RC", "1.0rc0"),
                Arguments.of("1.0.RC", "1.0rc0"), Arguments.of("1.0.RC1", "1.0rc1"),
                Arguments.of("1.0-RC", "1.0rc0"), Arguments.of("1.0-RC1", "1.0rc1"),
                // Various post release incarnations
                Arguments.of("1.0post", "1.0.post0"), Arguments.of("1.0.post", "1.0.post0"),
                Arguments.of("1.0post1", "1.0.post1"), Arguments.of("1.0-post", "1.0.post0"),
                Arguments.of("1.0-post1", "1.0.post1"), Arguments.of("1.0POST", "1.0.post0"),
                Arguments.of("1.0.POST", "1.0.post0"), Arguments.of("1.0POST1", "1.0.post1"),
                Arguments.of("1.0r", "1.0.post0"), Arguments.of("1.0rev", "1.0.post0"),
                Arguments.of("1.0.POST1", "1.0.post1"), Arguments.of("1.0.r1", "1.0.post1"),
                Arguments.of("1.0.rev1", "1.0.post1"), Arguments.of("1.0-POST", "1.0.post0"),
                Arguments.of("1.0-POST1", "1.0.post1"), Arguments.of("1.0-5", "1.0.post5"),
                Arguments.of("1.0-r5", "1.0.post5"), Arguments.of("1.0-rev5", "1.0.post5"),
                // Local version case insensitivity
                Arguments.of("1.0+AbC", "1.0+abc"),
                // Integer normalisation
                Arguments.of("1.01", "1.1"), Arguments.of("1.0a05", "1.0a5"),
                Arguments.of("1.0b07", "1.0b7"), Arguments.of("1.0c056", "1.0rc56"),
                Arguments.of("1.0rc09", "1.0rc9"), Arguments.of("1.0.post000", "1.0.post0"),
                Arguments.of("1.1.dev09000", "1.1.dev9000"), Arguments.of("00!1.2", "1.2"),
                Arguments.of("0100!0.0", "100!0.0"),
                // Various other normalisations
                Arguments.of("v1.0", "1.0"), Arguments.of("   v1.0\t\n", "1.0"),
                // Non-ASCII whitespace: narrow no-break space, paragraph separator
                Arguments.of("\u202F1.0\t\u2029\n ", "1.0"));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @MethodSource("packagingNormalisations")
    void normalisesLikePackaging(String text, String normalised) {
        assertThat(Version.parse(text).toString()).isEqualTo(normalised);
    }

    /** PEP 440, section "Normalization", one or more examples per rule. */
    static Stream<Arguments> pep440Normalisations() {
        return Stream.of(
                Arguments.of("1.1RC1", "1.1rc1"), // case sensitivity
                Arguments.of("00", "0"), Arguments.of("09000", "9000"), // integer normalisation
                Arguments.of("1.0+foo0100", "1.0+foo0100"),
                Arguments.of("1.1.a1", "1.1a1"), Arguments.of("1.1-a1", "1.1a1"), // pre separators
                Arguments.of("1.0a.1", "1.0a1"),
                Arguments.of("1.1alpha1", "1.1a1"), Arguments.of("1.1beta2", "1.1b2"), // spelling
                Arguments.of("1.1c3", "1.1rc3"),
                Arguments.of("1.2a", "1.2a0"), // implicit pre-release number
                Arguments.of("1.2-post2", "1.2.post2"), Arguments.of("1.2post2", "1.2.post2"),
                Arguments.of("1.2.post-2", "1.2.post2"), // post separators
                Arguments.of("1.0-r4", "1.0.post4"), // post spelling
                Arguments.of("1.2.post", "1.2.post0"), // implicit post number
                Arguments.of("1.0-1", "1.0.post1"), // implicit post release
                Arguments.of("1.2-dev2", "1.2.dev2"), Arguments.of("1.2dev2", "1.2.dev2"),
                Arguments.of("1.2.dev", "1.2.dev0"), // implicit dev number
                Arguments.of("1.0+ubuntu-1", "1.0+ubuntu.1"), // local separators
                Arguments.of("v1.0", "1.0"), // preceding v
                Arguments.of("1.0\n", "1.0"), // whitespace, all six kinds the PEP names
                Arguments.of(" \t\n\r\f\u000B1.0 \t\n\r\f\u000B", "1.0"));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @MethodSource("pep440Normalisations")
    void normalisesPep440Examples(String text, String normalised) {
        assertThat(Version.parse(text).toString()).isEqualTo(normalised);
    }

    /** More spellings, each checked against packaging 26.2, including a few surprising ones. */
    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "1.0alpha1 | 1.0a1", "1.0.RC1 | 1.0rc1", "1!1.0-dev | 1!1.0.dev0", "01.02 | 1.2",
        "1.0+ABC-1 | 1.0+abc.1", "1.0c1 | 1.0rc1", "1.0pre1 | 1.0rc1", "1.0preview2 | 1.0rc2",
        "1.0_post_3 | 1.0.post3", "1.0_dev_4 | 1.0.dev4", "1.0+007 | 1.0+7", "1.0+00 | 1.0+0",
        "1.0+a_B-c | 1.0+a.b.c", "1.0-rc1-1 | 1.0rc1.post1", "V1.0 | 1.0", "1.0a1-1 | 1.0a1.post1",
        "1.0.dev.1 | 1.0.dev1", "1.0a_1 | 1.0a1", "1.0a0post0dev0 | 1.0a0.post0.dev0",
        "1.0-PREVIEW.5_REV-6.DEV_7+Foo-00-Bar | 1.0rc5.post6.dev7+foo.0.bar",
        "1.0.0.0 | 1.0.0.0", "0!0 | 0", "1.0-0 | 1.0.post0", "1-0 | 1.post0",
        "1.0.post- | 1.0.post0", "1.0b. | 1.0b0", "1.0.a. | 1.0a0", "1.0.dev- | 1.0.dev0",
        "1!2.3.4a5.post6.dev7+zzz | 1!2.3.4a5.post6.dev7+zzz",
    })
    void normalisesOtherSpellings(String text, String normalised) {
        assertThat(Version.parse(text).toString()).isEqualTo(normalised);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u00A01.0\u3000", "\u001C1.0\u001F", "\u00851.0", "\u20001.0\u205F"})
    void stripsEveryWhitespaceCharacterPythonDoes(String text) {
        assertThat(Version.parse(text).toString()).isEqualTo("1.0");
    }

    /** packaging tests/test_version.py, test_version_str_repr: already-normal forms survive. */
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "1.0.dev456 | 1.0.dev456", "1.0a1 | 1.0a1", "1.0a2.dev456 | 1.0a2.dev456",
        "1.0a12.dev456 | 1.0a12.dev456", "1.0a12 | 1.0a12", "1.0b1.dev456 | 1.0b1.dev456",
        "1.0b2 | 1.0b2", "1.0b2.post345.dev456 | 1.0b2.post345.dev456",
        "1.0b2.post345 | 1.0b2.post345", "1.0rc1.dev456 | 1.0rc1.dev456", "1.0rc1 | 1.0rc1",
        "1.0 | 1.0", "1.0.post456.dev34 | 1.0.post456.dev34", "1.0.post456 | 1.0.post456",
        "1.0.1 | 1.0.1", "0!1.0.2 | 1.0.2", "1.0.3+7 | 1.0.3+7", "0!1.0.4+8.0 | 1.0.4+8.0",
        "1.0.5+9.5 | 1.0.5+9.5", "1.2+1234.abc | 1.2+1234.abc", "1.2+123456 | 1.2+123456",
        "1.2+123abc | 1.2+123abc", "1.2+123abc456 | 1.2+123abc456", "1.2+abc | 1.2+abc",
        "1.2+abc123 | 1.2+abc123", "1.2+abc123def | 1.2+abc123def", "1.1.dev1 | 1.1.dev1",
        "7!1.0.dev456 | 7!1.0.dev456", "7!1.0a1 | 7!1.0a1", "7!1.0a2.dev456 | 7!1.0a2.dev456",
        "7!1.0a12.dev456 | 7!1.0a12.dev456", "7!1.0a12 | 7!1.0a12",
        "7!1.0b1.dev456 | 7!1.0b1.dev456", "7!1.0b2 | 7!1.0b2",
        "7!1.0b2.post345.dev456 | 7!1.0b2.post345.dev456", "7!1.0b2.post345 | 7!1.0b2.post345",
        "7!1.0rc1.dev456 | 7!1.0rc1.dev456", "7!1.0rc1 | 7!1.0rc1", "7!1.0 | 7!1.0",
        "7!1.0.post456.dev34 | 7!1.0.post456.dev34", "7!1.0.post456 | 7!1.0.post456",
        "7!1.0.1 | 7!1.0.1", "7!1.0.2 | 7!1.0.2", "7!1.0.3+7 | 7!1.0.3+7",
        "7!1.0.4+8.0 | 7!1.0.4+8.0", "7!1.0.5+9.5 | 7!1.0.5+9.5", "7!1.1.dev1 | 7!1.1.dev1",
    })
    void keepsNormalForms(String text, String expected) {
        Version version = Version.parse(text);
        assertThat(version.toString()).isEqualTo(expected);
        assertThat(Version.parse(version.toString()).toString()).isEqualTo(expected);
    }

    /** packaging's invalid list, PEP 440's "1.0-", and more rejected by packaging 26.2. */
    @ParameterizedTest(name = "[{index}] <{0}>")
    @ValueSource(strings = {
        // packaging tests/test_version.py, test_invalid_versions
        "french toast", "1.0+a+", "1.0++", "1.0+_foobar", "1.0+foo&asd", "1.0+1+1",
        "1. 0", "1 .0", "1. 0a1", "1 .0a1", "1.0 a1", "1.0a 1",
        "\u0660\u0661\u0662.\u0663\u0664\u0665.\u0666\u0667\u0668\u0669",
        ".", "..", "1..0", "1.0.", ".1.0", "1..2.3", "1.0+\u0130",
        // PEP 440: the implicit post release needs its number
        "1.0-",
        // more
        "", "  ", "dog", "lolwat", "1.0+", "1!", "!1.0", "v", "vv1.0", "1.0 +a", "1.0+a..b",
        "1.0+.a", "1.0+a.", "1.0--1", "1.0-1-1", "1.0a1a2", "1.0.post1.post2",
        "1.0.dev1.dev2", "1.0dev1a1", "1.0.post1a1", "1.0-1.post1", "1.0.dev1-1", "1_0",
        "a1.0", "1.0+-a", "-1.0", "+1.0", "1,0", "1.0+a b", "1.0-dev-1-1", "1.0.1-test7",
        // non-ASCII look-alikes that case-insensitive Unicode matching would accept
        "1.0+\u212A", "1.0po\u017Ft", "1.0-\u0661",
    })
    void rejectsInvalidVersionsWithPypiMessage(String text) {
        assertThatThrownBy(() -> Version.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "'" + INVALID);
        assertThat(Version.tryParse(text)).isEmpty();
        assertThat(Version.isValid(text)).isFalse();
    }

    @Test
    void reportsTheExamplePypiMessage() {
        assertThatThrownBy(() -> Version.parse("dog"))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("'dog' is invalid for 'version'");
    }

    @Test
    void rejectsNullAsNone() {
        assertThatThrownBy(() -> Version.parse(null))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("'None' is invalid for 'version'");
        assertThat(Version.tryParse(null)).isEmpty();
        assertThat(Version.isValid(null)).isFalse();
    }

    /** The offending text is quoted as Python's repr() quotes it (values from CPython 3.11). */
    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("pythonReprs")
    void quotesTheTextAsPythonReprDoes(String text, String repr) {
        assertThatThrownBy(() -> Version.parse(text))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage(repr + INVALID);
    }

    static Stream<Arguments> pythonReprs() {
        return Stream.of(
                Arguments.of("it's", "\"it's\""),
                Arguments.of("say \"hi\"", "'say \"hi\"'"),
                Arguments.of("a\"b'c", "'a\"b\\'c'"),
                Arguments.of("1.0\\x", "'1.0\\\\x'"),
                Arguments.of("1.\t0", "'1.\\t0'"),
                Arguments.of("x\r\n", "'x\\r\\n'"),
                Arguments.of("1.0\u0000", "'1.0\\x00'"),
                Arguments.of("x\u001B", "'x\\x1b'"),
                Arguments.of("x\u007F", "'x\\x7f'"),
                Arguments.of("x\u0085", "'x\\x85'"),
                Arguments.of("\u00A0x", "'\\xa0x'"),
                Arguments.of("x\u2028", "'x\\u2028'"),
                Arguments.of("x\uFEFF", "'x\\ufeff'"),
                Arguments.of("x\uDB80", "'x\\udb80'"),
                Arguments.of("x\uE000", "'x\\ue000'"),
                Arguments.of("x\uDB80\uDC00", "'x\\U000f0000'"),
                Arguments.of("x\uD83D\uDE00", "'x\uD83D\uDE00'"),
                Arguments.of("caf\u00E9", "'caf\u00E9'"),
                // invisible characters that Python does not count as whitespace
                Arguments.of("1.0\u200B", "'1.0\\u200b'"),
                Arguments.of("\u200B1.0", "'\\u200b1.0'"),
                Arguments.of("\uFEFF1.0", "'\\ufeff1.0'"),
                Arguments.of("1.0\u2060", "'1.0\\u2060'"),
                Arguments.of("\u180E1.0", "'\\u180e1.0'"));
    }

    @Test
    void acceptsTextUpTo256Characters() {
        String longest = "1" + ".1".repeat(127) + "0"; // 256 characters
        assertThat(longest).hasSize(256);
        assertThat(Version.parse(longest).release()).hasSize(128);
    }

    @Test
    void refusesTextLongerThan256CharactersEvenIfValid() {
        String tooLong = "1" + ".1".repeat(128); // 257 characters, valid for packaging
        assertThatThrownBy(() -> Version.parse(tooLong))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + tooLong + "'" + INVALID);
        assertThat(Version.tryParse(" ".repeat(300) + "1.0")).isEmpty();
    }

    @Test
    void keepsHugeNumbersExact() {
        Version version = Version.parse("1.99999999999999999999999");
        assertThat(version.release())
                .containsExactly(BigInteger.ONE, new BigInteger("99999999999999999999999"));
        assertThat(version).hasToString("1.99999999999999999999999");

        Version all = Version.parse(
                "0099999999999999999999!18446744073709551616.0a9223372036854775808"
                        + ".post00123456789012345678901234567890.dev340282366920938463463374607431768211456"
                        + "+000987654321098765432109876543210.x");
        assertThat(all.epoch()).isEqualTo(new BigInteger("99999999999999999999"));
        assertThat(all.release()).containsExactly(new BigInteger("18446744073709551616"), BigInteger.ZERO);
        assertThat(all.pre()).contains(
                new Version.PreRelease("a", new BigInteger("9223372036854775808")));
        assertThat(all.post()).contains(new BigInteger("123456789012345678901234567890"));
        assertThat(all.dev()).contains(new BigInteger("340282366920938463463374607431768211456"));
        assertThat(all.local()).contains("987654321098765432109876543210.x");
        assertThat(all).hasToString("99999999999999999999!18446744073709551616.0a9223372036854775808"
                + ".post123456789012345678901234567890.dev340282366920938463463374607431768211456"
                + "+987654321098765432109876543210.x");
    }

    @Test
    void tryParseReturnsTheParsedVersion() {
        assertThat(Version.tryParse(" V1.0-1 ")).hasValueSatisfying(
                v -> assertThat(v).hasToString("1.0.post1"));
        assertThat(Version.isValid("1.0.post1")).isTrue();
    }

    @Test
    void ignoresTheDefaultLocaleWhenLowerCasing() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr-TR")); // "I".toLowerCase() is "ı" there
            assertThat(Version.parse("1.0PREVIEW1+ITEM.I").toString()).isEqualTo("1.0rc1+item.i");
        } finally {
            Locale.setDefault(saved);
        }
    }

    /**
     * The accessor tables of packaging tests/test_version.py (public, base_version, epoch,
     * release, pre, post, dev, local), merged into one row per version. "-" means absent.
     */
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        // text                       | public              | base  |epoch| pre | post| dev | local
        "1.0                          | 1.0                 | 1.0   | 0 | -   | -   | -   | -",
        "1.0.dev0                     | 1.0.dev0            | 1.0   | 0 | -   | -   | 0   | -",
        "1.0.dev6                     | 1.0.dev6            | 1.0   | 0 | -   | -   | 6   | -",
        "1.0a1                        | 1.0a1               | 1.0   | 0 | a1  | -   | -   | -",
        "1.0a1.post5                  | 1.0a1.post5         | 1.0   | 0 | a1  | 5   | -   | -",
        "1.0a1.post5.dev6             | 1.0a1.post5.dev6    | 1.0   | 0 | a1  | 5   | 6   | -",
        "1.0rc4                       | 1.0rc4              | 1.0   | 0 | rc4 | -   | -   | -",
        "1.0.post5                    | 1.0.post5           | 1.0   | 0 | -   | 5   | -   | -",
        "1!1.0                        | 1!1.0               | 1!1.0 | 1 | -   | -   | -   | -",
        "1!1.0.dev6                   | 1!1.0.dev6          | 1!1.0 | 1 | -   | -   | 6   | -",
        "1!1.0a1                      | 1!1.0a1             | 1!1.0 | 1 | a1  | -   | -   | -",
        "1!1.0a1.post5                | 1!1.0a1.post5       | 1!1.0 | 1 | a1  | 5   | -   | -",
        "1!1.0a1.post5.dev6           | 1!1.0a1.post5.dev6  | 1!1.0 | 1 | a1  | 5   | 6   | -",
        "1!1.0rc4                     | 1!1.0rc4            | 1!1.0 | 1 | rc4 | -   | -   | -",
        "1!1.0.post5                  | 1!1.0.post5         | 1!1.0 | 1 | -   | 5   | -   | -",
        "1.0+deadbeef                 | 1.0                 | 1.0   | 0 | -   | -   | -   | deadbeef",
        "1.0.dev6+deadbeef            | 1.0.dev6            | 1.0   | 0 | -   | -   | 6   | deadbeef",
        "1.0a1+deadbeef               | 1.0a1               | 1.0   | 0 | a1  | -   | -   | deadbeef",
        "1.0a1.post5+deadbeef         | 1.0a1.post5         | 1.0   | 0 | a1  | 5   | -   | deadbeef",
        "1.0a1.post5.dev6+deadbeef    | 1.0a1.post5.dev6    | 1.0   | 0 | a1  | 5   | 6   | deadbeef",
        "1.0rc4+deadbeef              | 1.0rc4              | 1.0   | 0 | rc4 | -   | -   | deadbeef",
        "1.0.post5+deadbeef           | 1.0.post5           | 1.0   | 0 | -   | 5   | -   | deadbeef",
        "1!1.0+deadbeef               | 1!1.0               | 1!1.0 | 1 | -   | -   | -   | deadbeef",
        "1!1.0.dev6+deadbeef          | 1!1.0.dev6          | 1!1.0 | 1 | -   | -   | 6   | deadbeef",
        "1!1.0a1+deadbeef             | 1!1.0a1             | 1!1.0 | 1 | a1  | -   | -   | deadbeef",
        "1!1.0a1.post5+deadbeef       | 1!1.0a1.post5       | 1!1.0 | 1 | a1  | 5   | -   | deadbeef",
        "1!1.0a1.post5.dev6+deadbeef  | 1!1.0a1.post5.dev6  | 1!1.0 | 1 | a1  | 5   | 6   | deadbeef",
        "1!1.0rc4+deadbeef            | 1!1.0rc4            | 1!1.0 | 1 | rc4 | -   | -   | deadbeef",
        "1!1.0.post5+deadbeef         | 1!1.0.post5         | 1!1.0 | 1 | -   | 5   | -   | deadbeef",
        // beyond packaging's tables
        "V2!3.04.5C6-7_DEV8+Ub-01     | 2!3.4.5rc6.post7.dev8 | 2!3.4.5 | 2 | rc6 | 7 | 8 | ub.1",
    })
    void exposesItsParts(String text, String publicVersion, String base, int epoch, String pre,
            String post, String dev, String local) {
        Version version = Version.parse(text);
        assertThat(version.publicVersion()).isEqualTo(publicVersion);
        assertThat(version.baseVersion()).hasToString(base);
        assertThat(version.epoch()).isEqualTo(BigInteger.valueOf(epoch));
        assertThat(version.pre().map(Version.PreRelease::toString)).isEqualTo(absentIfDash(pre));
        assertThat(version.post().map(BigInteger::toString)).isEqualTo(absentIfDash(post));
        assertThat(version.dev().map(BigInteger::toString)).isEqualTo(absentIfDash(dev));
        assertThat(version.local()).isEqualTo(absentIfDash(local));
        assertThat(version.hasLocal()).isEqualTo(!local.equals("-"));
        assertThat(version.isDevrelease()).isEqualTo(!dev.equals("-"));
        assertThat(version.isPostrelease()).isEqualTo(!post.equals("-"));
    }

    private static java.util.Optional<String> absentIfDash(String value) {
        return value.equals("-") ? java.util.Optional.empty() : java.util.Optional.of(value);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1.0 | 1,0", "1!2.0.0.post5+x | 2,0,0", "01.002.0003 | 1,2,3", "0 | 0", "v4.0.0.0 | 4,0,0,0",
    })
    void releaseKeepsTrailingZeros(String text, String components) {
        List<BigInteger> expected = Stream.of(components.split(",")).map(BigInteger::new).toList();
        assertThat(Version.parse(text).release()).isEqualTo(expected);
    }

    @Test
    void preReleaseLabelsAreNormalised() {
        assertThat(Version.parse("1.0ALPHA").pre()).contains(new Version.PreRelease("a", BigInteger.ZERO));
        assertThat(Version.parse("1.0beta2").pre()).contains(new Version.PreRelease("b", BigInteger.TWO));
        assertThat(Version.parse("1.0c1").pre()).contains(new Version.PreRelease("rc", BigInteger.ONE));
        assertThat(Version.parse("1.0preview3").pre())
                .contains(new Version.PreRelease("rc", BigInteger.valueOf(3)));
    }

    @Test
    void preReleaseRecordRefusesWhatNoVersionCanHold() {
        assertThatThrownBy(() -> new Version.PreRelease("alpha", BigInteger.ONE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Version.PreRelease("a", BigInteger.valueOf(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new Version.PreRelease("rc", BigInteger.TEN)).hasToString("rc10");
    }

    /** packaging tests/test_version.py, test_version_is_prerelease. */
    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource({
        "1.0.dev0, true", "1.0.dev1, true", "1.0a1.dev1, true", "1.0b1.dev1, true",
        "1.0c1.dev1, true", "1.0rc1.dev1, true", "1.0a1, true", "1.0b1, true", "1.0c1, true",
        "1.0rc1, true", "1.0a1.post1.dev1, true", "1.0b1.post1.dev1, true",
        "1.0c1.post1.dev1, true", "1.0rc1.post1.dev1, true", "1.0a1.post1, true",
        "1.0b1.post1, true", "1.0c1.post1, true", "1.0rc1.post1, true", "1.0, false",
        "1.0+dev, false", "1.0.post1, false", "1.0.post1+dev, false",
        // a development release of a post-release is a pre-release too
        "1.0.post1.dev1, true",
    })
    void knowsPrereleases(String text, boolean expected) {
        assertThat(Version.parse(text).isPrerelease()).isEqualTo(expected);
    }

    /** packaging tests/test_version.py, test_version_is_postrelease. */
    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource({
        "1.0.dev1, false", "1.0, false", "1.0+foo, false", "1.0.post1.dev1, true", "1.0.post1, true",
        "1.0-1, true", "1.0rev, true",
    })
    void knowsPostreleases(String text, boolean expected) {
        assertThat(Version.parse(text).isPostrelease()).isEqualTo(expected);
    }

    @Test
    void baseVersionDropsEverythingButEpochAndRelease() {
        Version base = Version.parse("3!1.2.0rc1.post2.dev3+abc").baseVersion();
        assertThat(base).hasToString("3!1.2.0");
        assertThat(base.isPrerelease()).isFalse();
        assertThat(base.isPostrelease()).isFalse();
        assertThat(base.hasLocal()).isFalse();
        assertThat(base).isEqualTo(Version.parse("3!1.2"));
    }

    @Test
    void releaseIsUnmodifiable() {
        Version version = Version.parse("1.2.3");
        assertThatThrownBy(() -> version.release().set(0, BigInteger.TEN))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(version).hasToString("1.2.3");
    }
}
