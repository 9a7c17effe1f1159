package dev.cheeseshop.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConditionalTest {
    @Test
    void matchesTheSameTagInAListWeakOrStrongOrAStar() {
        assertThat(Conditional.matches(Optional.of("\"a\", \"b\""), "\"b\"")).isTrue();
        assertThat(Conditional.matches(Optional.of("W/\"b\""), "\"b\"")).isTrue();
        assertThat(Conditional.matches(Optional.of("*"), "\"b\"")).isTrue();
    }

    @Test
    void doesNotMatchAnotherTagOrNoHeader() {
        assertThat(Conditional.matches(Optional.of("\"a\""), "\"b\"")).isFalse();
        assertThat(Conditional.matches(Optional.empty(), "\"b\"")).isFalse();
    }
}
