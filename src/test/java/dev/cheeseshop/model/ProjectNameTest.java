package dev.cheeseshop.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void equalityIsByNormalizedName() {
        assertThat(ProjectName.of("Foo.Bar")).isEqualTo(ProjectName.of("foo-bar"))
                .hasSameHashCodeAs(ProjectName.of("foo-bar"));
        assertThat(ProjectName.of("Foo.Bar").filenameForm()).isEqualTo("foo_bar");
    }
}
