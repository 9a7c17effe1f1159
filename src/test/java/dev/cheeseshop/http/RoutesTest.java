package dev.cheeseshop.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutesTest {
    private final Routes.Handler a = ex -> { };
    private final Routes.Handler b = ex -> { };
    private final Routes.Handler c = ex -> { };
    private final Routes routes = new Routes().get("/simple/", a).get("/simple/{name}/", b)
            .get("/packages/{path*}", c).post("/legacy/", a);

    @Test
    void literalAndPlaceholderSegments() {
        assertThat(routes.match("GET", "/simple/").handler()).isSameAs(a);
        Routes.Match match = routes.match("GET", "/simple/Demo/");
        assertThat(match.handler()).isSameAs(b);
        assertThat(match.params()).isEqualTo(Map.of("name", "Demo"));
    }

    @Test
    void theTrailingSlashMatters() {
        assertThat(routes.match("GET", "/simple").found()).isFalse();
        assertThat(routes.match("GET", "/simple/demo").found()).isFalse();
    }

    @Test
    void aRestPlaceholderTakesEverything() {
        Routes.Match match = routes.match("GET", "/packages/ab/cd/ef/x-1.0.tar.gz");
        assertThat(match.handler()).isSameAs(c);
        assertThat(match.params()).containsEntry("path", "ab/cd/ef/x-1.0.tar.gz");
        assertThat(routes.match("GET", "/packages/").found()).isFalse();
    }

    @Test
    void headIsServedWithGetAndOtherMethodsAreListed() {
        assertThat(routes.match("HEAD", "/simple/").found()).isTrue();
        Routes.Match wrong = routes.match("DELETE", "/legacy/");
        assertThat(wrong.found()).isFalse();
        assertThat(wrong.allowed()).containsExactly("POST");
    }
}
