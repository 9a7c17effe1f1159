package dev.cheeseshop.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link SpecifierSet#contains} against packaging 26.2's {@code SpecifierSet.contains(v,
 * prereleases=True)}: {@code policy/specifiers.tsv}, written by {@code policy/generate_specifiers.py}.
 */
class SpecifierSetTest {

    @Test
    void containsExactlyWhatPackagingContains() throws IOException {
        List<String> lines;
        try (InputStream in = SpecifierSetTest.class.getResourceAsStream("/policy/specifiers.tsv")) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        assertThat(lines).hasSizeGreaterThan(2000);
        SoftAssertions soft = new SoftAssertions();
        for (String line : lines) {
            String[] fields = line.split("\t", -1);
            SpecifierSet set = SpecifierSet.parse(fields[0]).orElseThrow(() -> new AssertionError(fields[0]));
            soft.assertThat(set.contains(fields[1])).as("'%s' contains '%s'", fields[0], fields[1])
                    .isEqualTo(Boolean.parseBoolean(fields[2]));
        }
        soft.assertAll();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2.0", ">=", "=>2", "==2.0rc1.*", "~=2", "<2.0+local", ">=2,,x", "requests"})
    void refusesWhatIsNotASpecifierSet(String text) {
        assertThat(SpecifierSet.parse(text)).isEmpty();
    }

    @Test
    void writesItsClausesWithoutWhitespace() {
        assertThat(SpecifierSet.parse(" >= 2 , <3").orElseThrow()).hasToString(">=2,<3");
        assertThat(SpecifierSet.parse("").orElseThrow().isEmpty()).isTrue();
        assertThat(SpecifierSet.parse("<2.20").orElseThrow().isEmpty()).isFalse();
    }
}
