package dev.cheeseshop.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** WebOb's choice among offers, as pypi.org makes it (warehouse-http.md §2.2). */
class AcceptTest {
    private static final List<String> SIMPLE = List.of("text/html", "application/vnd.pypi.simple.v1+html",
            "application/vnd.pypi.simple.v1+json");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NONE", value = {
        "NONE | text/html",
        "*/* | text/html",
        "garbage | text/html",
        "text/plain | text/html",
        "application/json | text/html",
        "application/vnd.pypi.simple.v1+json | application/vnd.pypi.simple.v1+json",
        "application/vnd.pypi.simple.v1+json, */* | text/html",
        "application/vnd.pypi.simple.v1+json, */*;q=0.1 | application/vnd.pypi.simple.v1+json",
        "application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html; q=0.1, text/html; q=0.01"
                + " | application/vnd.pypi.simple.v1+json",
        "application/* | application/vnd.pypi.simple.v1+html",
        "text/html, application/vnd.pypi.simple.v1+json | text/html",
        "application/vnd.pypi.simple.latest+json | text/html",
        "application/vnd.pypi.simple.v1+json;q=0 | text/html",
    })
    void choosesLikePypi(String header, String expected) {
        assertThat(Accept.parse(Optional.ofNullable(header)).choose(SIMPLE, "text/html")).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "*/* | text/html",
        "application/json | application/json",
        "application/json, text/html | text/html",
        "application/json, text/html;q=0.5 | application/json",
        "text/plain | NONE",
    })
    void pyramidErrorBodies(String header, String expected) {
        List<String> acceptable = Accept.parse(Optional.of(header)).acceptable(List.of("text/html", "application/json"));
        assertThat(acceptable.isEmpty() ? "NONE" : acceptable.get(0)).isEqualTo(expected);
    }
}
