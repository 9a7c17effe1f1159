package dev.cheeseshop.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** PEP 503 normalisation and PyPI's project-name rule. */
class ProjectNameTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "friendly-bard, friendly-bard",
        "Friendly-Bard, friendly-bard",
        "FRIENDLY-BARD, friendly-bard",
        "friendly.bard, friendly-bard",
        "friendly_bard, friendly-bard",
        "friendly--bard, friendly-bard",
        "FrIeNdLy-._.-bArD, friendly-bard",
        "Django, django",
        "zope.interface, zope-interface",
    })
    void normalizesAsPep503(String name, String normalized) {
        assertThat(ProjectName.of(name).normalized()).isEqualTo(normalized);
        assertThat(ProjectName.normalize(name)).isEqualTo(normalized);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "A1", "0", "a.b", "a_b-c", "Foo.Bar_baz"})
    void acceptsValidNames(String name) {
        assertThat(ProjectName.isValid(name)).isTrue();
        assertThat(ProjectName.of(name).display()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-a", "a-", ".a", "a_", "a b", "ä", "a/b", "a+b", "a!"})
    void refusesInvalidNames(String name) {
        assertThat(ProjectName.isValid(name)).isFalse();
        assertThatThrownBy(() -> ProjectName.of(name)).isInstanceOf(IllegalArgumentException.class);
    }

    /** The rule and the normalisation as regular expressions: the hand-written checks must agree with them. */
    private static final Pattern VALID =
            Pattern.compile("^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$", Pattern.CASE_INSENSITIVE);
    private static final Pattern SEPARATORS = Pattern.compile("[-_.]+");

    @Test
    void theHandWrittenChecksAgreeWithTheRegularExpressionsOnManyStrings() {
        String alphabet = "aZz09-_.-_.Kk \u017f\u212a\u00e4\u0130/+~";
        Random random = new Random(42);
        for (int n = 0; n < 50_000; n++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(7);
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String name = text.toString();
            assertThat(ProjectName.isValid(name)).as("isValid(%s)", name).isEqualTo(VALID.matcher(name).matches());
            assertThat(ProjectName.normalize(name)).as("normalize(%s)", name)
                    .isEqualTo(SEPARATORS.matcher(name).replaceAll("-").toLowerCase(Locale.ROOT));
        }
    }

    @Test
    void equalityIsByNormalizedName() {
        assertThat(ProjectName.of("Foo.Bar")).isEqualTo(ProjectName.of("foo-bar"))
                .hasSameHashCodeAs(ProjectName.of("foo-bar"));
        assertThat(ProjectName.of("Foo.Bar").filenameForm()).isEqualTo("foo_bar");
    }
}
