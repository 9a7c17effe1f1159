package dev.cheeseshop.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** PEP 440 ordering and the equality that goes with it, checked against packaging's lists. */
class VersionOrderingTest {

    /** packaging tests/test_version.py, VERSIONS: "This list must be in the correct sorting order". */
    static final List<String> PACKAGING_VERSIONS = withEpochOneCopy(List.of(
            "1.0.dev0", "1.0.dev456", "1.0.dev456+local", "1.0a0", "1.0a0.post0.dev0",
            "1.0a0.post0", "1.0a1.dev1", "1.0a1.dev1+local", "1.0a1", "1.0a1+local", "1.0b0",
            "1.0b1.dev456", "1.0b2", "1.0b2.post345.dev456", "1.0b2.post345", "1.0b2-346",
            "1.0rc0", "1.0rc1.dev1", "1.0c1", "1.0rc2", "1.0", "1.0.post0.dev0", "1.0.post0",
            "1.0.post456.dev34", "1.0.post456", "1.0.post456+local", "1.0.1.dev1", "1.0.1a1",
            "1.0.1", "1.0.1+local", "1.0.1.post1", "1.1.dev1", "1.2+a", "1.2+abc", "1.2+abcdef",
            "1.2+def", "1.2+0", "1.2+1", "1.2+1.abc", "1.2+1.1", "1.2+1.1.0", "1.2+2", "1.2+123",
            "1.2+123456", "1.2.r32+123456", "1.2.rev33+123456"));

    /** PEP 440, "Summary of permitted suffixes and relative ordering": the example list. */
    static final List<String> PEP440_SUMMARY = List.of(
            "1.dev0", "1.0.dev456", "1.0a1", "1.0a2.dev456", "1.0a12.dev456", "1.0a12",
            "1.0b1.dev456", "1.0b2", "1.0b2.post345.dev456", "1.0b2.post345", "1.0rc1.dev456",
            "1.0rc1", "1.0", "1.0+abc.5", "1.0+abc.7", "1.0+5", "1.0.post456.dev34",
            "1.0.post456", "1.0.15", "1.1.dev1");

    /** packaging's list is the implicit-epoch half followed by the same entries under 1!. */
    private static List<String> withEpochOneCopy(List<String> versions) {
        List<String> all = new ArrayList<>(versions);
        versions.forEach(v -> all.add("1!" + v));
        return List.copyOf(all);
    }

    static Stream<Arguments> orderedLists() {
        return Stream.of(
                Arguments.of("packaging VERSIONS", PACKAGING_VERSIONS),
                Arguments.of("PEP 440 summary", PEP440_SUMMARY),
                // PEP 440's other examples, each a list in increasing order
                Arguments.of("PEP 440 final releases", List.of(
                        "0.9", "0.9.1", "0.9.2", "0.9.10", "0.9.11", "1.0", "1.0.1", "1.1", "2.0",
                        "2.0.1")),
                Arguments.of("PEP 440 date based", List.of(
                        "2012.4", "2012.7", "2012.10", "2013.1", "2013.6")),
                Arguments.of("PEP 440 without epochs", List.of(
                        "1.0", "1.1", "2.0", "2013.10", "2014.04")),
                Arguments.of("PEP 440 with epochs", List.of(
                        "2013.10", "2014.04", "1!1.0", "1!1.1", "1!2.0")),
                Arguments.of("PEP 440 major.minor", List.of("0.1", "0.2", "0.3", "1.0", "1.1")),
                Arguments.of("PEP 440 major.minor.micro", List.of(
                        "1.1.0", "1.1.1", "1.1.2", "1.2.0")),
                Arguments.of("PEP 440 pre-releases", List.of(
                        "0.9", "1.0a1", "1.0a2", "1.0b1", "1.0rc1", "1.0", "1.1a1")),
                Arguments.of("PEP 440 dev, rc and post", List.of(
                        "0.9", "1.0.dev1", "1.0.dev2", "1.0.dev3", "1.0.dev4", "1.0c1", "1.0c2",
                        "1.0", "1.0.post1", "1.1.dev1")),
                Arguments.of("PEP 440 yearly serial", List.of(
                        "2012.1", "2012.2", "2012.3", "2012.15", "2013.1", "2013.2")),
                Arguments.of("huge numbers", List.of(
                        "1.9223372036854775807", "1.9223372036854775808",
                        "1.99999999999999999999998", "1.99999999999999999999999",
                        "1.100000000000000000000000", "1.100000000000000000000000.post1",
                        "1.100000000000000000000000.post99999999999999999999",
                        "99999999999999999998!99", "99999999999999999999!0")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("orderedLists")
    void sortsEachListIntoItsGivenOrder(String name, List<String> ordered) {
        List<Version> expected = ordered.stream().map(Version::parse).toList();
        Random random = new Random(440);
        for (int round = 0; round < 20; round++) {
            List<Version> shuffled = new ArrayList<>(expected);
            Collections.shuffle(shuffled, random);
            Collections.sort(shuffled);
            assertThat(shuffled.stream().map(Version::toString).toList())
                    .as("round %d", round)
                    .isEqualTo(expected.stream().map(Version::toString).toList());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("orderedLists")
    void comparesEveryPairByPosition(String name, List<String> ordered) {
        List<Version> versions = ordered.stream().map(Version::parse).toList();
        SoftAssertions softly = new SoftAssertions();
        for (int i = 0; i < versions.size(); i++) {
            for (int j = 0; j < versions.size(); j++) {
                Version x = versions.get(i);
                Version y = versions.get(j);
                softly.assertThat(Integer.signum(x.compareTo(y)))
                        .as("%s vs %s", ordered.get(i), ordered.get(j))
                        .isEqualTo(Integer.signum(Integer.compare(i, j)));
                softly.assertThat(x.equals(y)).as("%s equals %s", ordered.get(i), ordered.get(j))
                        .isEqualTo(i == j);
            }
        }
        softly.assertAll();
    }

    @Test
    void packagingListHasTheExpectedShape() {
        assertThat(PACKAGING_VERSIONS).hasSize(92).startsWith("1.0.dev0").endsWith("1!1.2.rev33+123456");
    }

    /** Spellings that packaging considers the same version; equal objects, equal hashes. */
    @ParameterizedTest(name = "[{index}] {0} == {1}")
    @CsvSource({
        "1.0, 1.0.0", "1, 1.0.0.0", "0, 0.0", "1.0rc1, 1.0c1", "1.0pre1, 1.0rc1",
        "1.0preview1, 1.0c1", "v1.0, 1.0", "0!1.0, 1.0", "1.0-1, 1.0.post1", "1.0r1, 1.0.rev1",
        "1.0+abc.1, 1.0+ABC-1", "1.0+1, 1.0+01", "1.0+0, 1.0+00", "01.02, 1.2", "1.0a, 1.0a0",
        "1.0.post, 1.0.post0", "1.0dev, 1.0.dev0", "1.0.0.dev1, 1.0.dev1", "1.0alpha1, 1.0a1",
        "1.0beta1, 1.0b1", "'1.0 ', 1.0", "1.0.0+x_y, 1+x.y", "1.99999999999999999999999, 1.099999999999999999999999",
    })
    void equalSpellings(String left, String right) {
        Version x = Version.parse(left);
        Version y = Version.parse(right);
        assertThat(x).isEqualTo(y);
        assertThat(y).isEqualTo(x);
        assertThat(x.compareTo(y)).isZero();
        assertThat(y.compareTo(x)).isZero();
        assertThat(x.hashCode()).isEqualTo(y.hashCode());
    }

    /** Pairs in increasing order, each probing one rule of packaging's _cmpkey. */
    @ParameterizedTest(name = "[{index}] {0} < {1}")
    @CsvSource({
        // dev-only releases come before every pre-release of the same release
        "1.0.dev0, 1.0a0", "1.0.dev1, 1.0a0.dev0", "1.0.dev99, 1.0a0",
        // but a development release of a post-release follows the release
        "1.0, 1.0.post0.dev0", "1.0.post0.dev0, 1.0.post0", "1.0.post0, 1.0.post1.dev0",
        // pre-release phases and numbers
        "1.0a9, 1.0b0", "1.0b9, 1.0rc0", "1.0rc9, 1.0", "1.0a2, 1.0a10", "1.0c1, 1.0rc2",
        // within a pre-release: dev, nothing, post
        "1.0a1.dev1, 1.0a1", "1.0a1, 1.0a1.post0.dev0", "1.0a1.post1.dev1, 1.0a1.post1",
        "1.0rc1.post1, 1.0",
        // release padding and numeric order
        "1.0, 1.0.1", "1, 1.0.0.0.1", "1.1.9999, 1.2", "1.9, 1.10", "0.0.0.1, 0.1", "0, 0.0.1",
        // epochs beat everything else
        "2014.04, 1!1.0", "1!99, 2!0", "99999999999999999998!99, 99999999999999999999!0",
        // local labels: none first, numbers numerically and after strings, prefixes first
        "1.0, 1.0+a", "1.0+abc, 1.0+abd", "1.0+z, 1.0+0", "1.0+9, 1.0+10", "1.0+99, 1.0+0100",
        "1.0+abc, 1.0+abc.0", "1.0+a10, 1.0+a9", "1.0+1.abc, 1.0+1.0", "1.0+foo, 1.0.post0",
        "1.0.0+a, 1.0+b", "1.0+a.b, 1.0+a.b.0", "1.0+A, 1.0+b",
        "1.0+99999999999999999999, 1.0+100000000000000000000", "1.0+0, 1.0+1.a",
        // local labels only break ties of the public version
        "1.0a1+zzz, 1.0a1.post0", "1.0+999, 1.0.1",
        // huge components
        "1.9223372036854775807, 1.9223372036854775808", "1.0.post9223372036854775808, 1.0.post9223372036854775809",
        "1.0.dev18446744073709551616, 1.0.dev18446744073709551617",
    })
    void ordersPairs(String lower, String higher) {
        Version x = Version.parse(lower);
        Version y = Version.parse(higher);
        assertThat(x).isLessThan(y);
        assertThat(y).isGreaterThan(x);
        assertThat(x).isNotEqualTo(y);
    }

    @Test
    void hashCodeAgreesWithEqualsAcrossSpellings() {
        List<String> spellings = List.of("1", "1.0", "1.0.0", "v1.0.0.0", "0!1", " 1.0\n", "1.0.0.0.0.0");
        List<Version> versions = spellings.stream().map(Version::parse).toList();
        assertThat(versions.stream().map(Version::hashCode).distinct()).hasSize(1);
        assertThat(versions.stream().distinct()).hasSize(1);
        assertThat(versions.stream().map(Version::toString).distinct()).hasSize(5);
    }

    @Test
    void equalityIsNotTextual() {
        Version version = Version.parse("1.0");
        assertThat(version.equals("1.0")).isFalse();
        assertThat(version.equals(null)).isFalse();
        assertThat(version).isEqualTo(version);
    }

    @Test
    void compareToNullThrows() {
        assertThatThrownBy(() -> Version.parse("1.0").compareTo(null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void orderIsTransitiveAndAntisymmetricOverAllListedVersions() {
        List<Version> all = Stream.concat(PACKAGING_VERSIONS.stream(), PEP440_SUMMARY.stream())
                .map(Version::parse).toList();
        SoftAssertions softly = new SoftAssertions();
        IntStream.range(0, all.size()).forEach(i -> IntStream.range(0, all.size()).forEach(j -> {
            Version x = all.get(i);
            Version y = all.get(j);
            softly.assertThat(Integer.signum(x.compareTo(y)))
                    .as("%s vs %s", x, y).isEqualTo(-Integer.signum(y.compareTo(x)));
            softly.assertThat(x.equals(y)).as("%s equals %s", x, y).isEqualTo(x.compareTo(y) == 0);
            if (x.equals(y)) {
                softly.assertThat(x.hashCode()).as("hash of %s", x).isEqualTo(y.hashCode());
            }
        }));
        softly.assertAll();
    }
}
