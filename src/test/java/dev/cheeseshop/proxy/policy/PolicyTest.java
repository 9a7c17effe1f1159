package dev.cheeseshop.proxy.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.metrics.Metrics;
import dev.cheeseshop.model.UpstreamFile;
import dev.cheeseshop.proxy.ProxyPolicy.Decision;
import dev.cheeseshop.testing.MutableClock;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every rule of a policy, on projects and on files named as wheels and sdists. */
class PolicyTest {
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    private static Policy policy(String toml) {
        try {
            return PolicyFile.parse("policy.toml", toml.getBytes(StandardCharsets.UTF_8));
        } catch (PolicyException e) {
            throw new AssertionError(e.getMessage());
        }
    }

    private static UpstreamFile file(String filename, Optional<Instant> uploaded) {
        return new UpstreamFile(filename, URI.create("https://files.example/" + filename), Optional.of("0".repeat(64)),
                OptionalLong.empty(), uploaded, Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static Decision file(Policy policy, String project, String filename) {
        return policy.file(project, file(filename, Optional.of(NOW.minus(Duration.ofDays(365)))), NOW);
    }

    private static Decision allowed(String rule, String detail) {
        return new Decision(true, rule, detail);
    }

    private static Decision denied(String rule, String detail) {
        return new Decision(false, rule, detail);
    }

    @Test
    void withoutListsOrAgeEverythingIsAllowedByDefault() {
        Policy open = policy("");

        assertThat(open.project("anything")).isEqualTo(Decision.ALLOWED).isEqualTo(allowed("default", ""));
        assertThat(open.file("anything", file("anything-1.0.tar.gz", Optional.empty()), NOW)).isEqualTo(Decision.ALLOWED);
    }

    @Test
    void aDenyEntryWithoutSpecifiersDeniesTheProjectByItsNormalisedName() {
        Policy policy = policy("deny = [\"Evil_Pkg\", \"requests<2.20\"]");

        assertThat(policy.project("evil-pkg")).isEqualTo(denied("deny", "Evil_Pkg"));
        assertThat(file(policy, "evil-pkg", "evil_pkg-1.0-py3-none-any.whl")).isEqualTo(denied("deny", "Evil_Pkg"));
        assertThat(file(policy, "evil-pkg", "unreadable")).isEqualTo(denied("deny", "Evil_Pkg"));
        assertThat(policy.project("requests")).as("specifiers deny files, not the project").isEqualTo(Decision.ALLOWED);
        assertThat(policy.project("evil-pkg2")).isEqualTo(Decision.ALLOWED);
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource({
        // requests<2.20: the version from an sdist's or a wheel's name
        "requests<2.20, requests-2.19.1.tar.gz, deny",
        "requests<2.20, requests-2.19.1-py2.py3-none-any.whl, deny",
        "requests<2.20, Requests-2.19.1.zip, deny",
        "requests<2.20, requests-2.20.0.tar.gz, default",
        "requests<2.20, requests-2.31.0-py3-none-any.whl, default",
        // pre-releases are versions like any other; <V leaves out V's own pre-releases, as PEP 440 says
        "requests<2.20, requests-2.19.0rc1.tar.gz, deny",
        "requests<2.20, requests-2.20.0rc1.tar.gz, default",
        "requests<2.20, requests-2.20.0.dev1.tar.gz, default",
        "requests>=3.0a1, requests-3.0a2-py3-none-any.whl, deny",
        "requests>=3, requests-3.0.0b1.tar.gz, default",
        "requests>=3, requests-3.0.1b1.tar.gz, deny",
        "requests==2.*, requests-2.0.dev0.tar.gz, deny",
        // local versions: a specifier without one ignores the file's
        "requests==2.19.1, requests-2.19.1+corp.1.tar.gz, deny",
        "requests==2.19.1+corp.1, requests-2.19.1+corp.2.tar.gz, default",
        "requests==2.19.1+corp.1, requests-2.19.1+corp.1.tar.gz, deny",
        "requests>2.19.1, requests-2.19.1+corp.1.tar.gz, default",
        // epochs
        "requests<2.20, requests-1!1.0.tar.gz, default",
        "requests>=1!0, requests-1!1.0.tar.gz, deny",
        "requests>=1!0, requests-9.0.tar.gz, default",
        // a version that cannot be read matches no entry with specifiers
        "requests<2.20, requests-latest.tar.gz, default",
        "requests<2.20, requests.tar.gz, default",
        "requests<2.20, other-1.0.tar.gz, default",
        "requests<2.20, requests-1.0-py2.5.egg, default",
        "requests===latest, requests-latest.tar.gz, deny"})
    void aDenyEntryWithSpecifiersDeniesTheFilesItContains(String entry, String filename, String rule) {
        Policy policy = policy("deny = [\"" + entry + "\"]");

        Decision decision = file(policy, "requests", filename);

        assertThat(decision).isEqualTo(rule.equals("deny") ? denied("deny", entry) : Decision.ALLOWED);
    }

    @Test
    void anAllowListLetsOnlyItsProjectsAndVersionsThrough() {
        Policy policy = policy("allow = [\"requests\", \"urllib3>=2\", \"foo<2\", \"foo>=3\"]");

        assertThat(policy.project("numpy")).isEqualTo(denied("not-allowed", "not in the allow list"));
        assertThat(file(policy, "numpy", "numpy-2.0.0.tar.gz")).isEqualTo(denied("not-allowed", "not in the allow list"));
        assertThat(policy.project("requests")).isEqualTo(allowed("allow", "requests"));
        assertThat(file(policy, "requests", "requests-0.1.tar.gz")).isEqualTo(allowed("allow", "requests"));
        assertThat(file(policy, "requests", "requests-latest.tar.gz")).isEqualTo(allowed("allow", "requests"));
        assertThat(policy.project("urllib3")).isEqualTo(allowed("allow", "urllib3>=2"));
        assertThat(file(policy, "urllib3", "urllib3-2.2.1-py3-none-any.whl")).isEqualTo(allowed("allow", "urllib3>=2"));
        assertThat(file(policy, "urllib3", "urllib3-2.0.1a1.tar.gz")).isEqualTo(allowed("allow", "urllib3>=2"));
        assertThat(file(policy, "urllib3", "urllib3-2.0.0a1.tar.gz")).isEqualTo(denied("not-allowed", "allowed only urllib3>=2"));
        assertThat(file(policy, "urllib3", "urllib3-1.26.18.tar.gz")).isEqualTo(denied("not-allowed", "allowed only urllib3>=2"));
        assertThat(file(policy, "urllib3", "urllib3-dev.tar.gz")).isEqualTo(denied("not-allowed", "allowed only urllib3>=2"));
        assertThat(policy.project("foo")).isEqualTo(allowed("allow", "foo<2 or foo>=3"));
        assertThat(file(policy, "foo", "foo-1.0.tar.gz")).isEqualTo(allowed("allow", "foo<2"));
        assertThat(file(policy, "foo", "foo-3.0.tar.gz")).isEqualTo(allowed("allow", "foo>=3"));
        assertThat(file(policy, "foo", "foo-2.5.tar.gz")).isEqualTo(denied("not-allowed", "allowed only foo<2 or foo>=3"));
    }

    @Test
    void anEmptyAllowListAllowsNothing() {
        assertThat(policy("allow = []").project("requests")).isEqualTo(denied("not-allowed", "not in the allow list"));
    }

    @Test
    void denyWinsOverAllow() {
        Policy policy = policy("allow = [\"requests\", \"evilpkg\"]\ndeny = [\"evilpkg\", \"requests<2.20\"]");

        assertThat(policy.project("evilpkg")).isEqualTo(denied("deny", "evilpkg"));
        assertThat(file(policy, "requests", "requests-2.19.1.tar.gz")).isEqualTo(denied("deny", "requests<2.20"));
        assertThat(file(policy, "requests", "requests-2.20.0.tar.gz")).isEqualTo(allowed("allow", "requests"));
    }

    @Test
    void theMinimumAgeOnTheClock() {
        MutableClock clock = new MutableClock(NOW);
        Policy policy = policy("min-age = \"3d\"");
        UpstreamFile file = file("foo-1.0.tar.gz", Optional.of(NOW));

        assertThat(policy.file("foo", file, clock.instant())).isEqualTo(denied("min-age", "age 0s < 3d"));
        clock.advance(Duration.ofHours(2));
        assertThat(policy.file("foo", file, clock.instant())).isEqualTo(denied("min-age", "age 2h < 3d"));
        clock.advance(Duration.ofDays(3).minusHours(2).minusSeconds(1));
        assertThat(policy.file("foo", file, clock.instant())).isEqualTo(denied("min-age", "age 2d23h < 3d"));
        clock.advance(Duration.ofSeconds(1));
        assertThat(policy.file("foo", file, clock.instant())).as("exactly three days old").isEqualTo(Decision.ALLOWED);
        clock.advance(Duration.ofDays(400));
        assertThat(policy.file("foo", file, clock.instant())).isEqualTo(Decision.ALLOWED);
        assertThat(policy.project("foo")).as("the age is a file's").isEqualTo(Decision.ALLOWED);
    }

    @Test
    void aFileWithoutAnUploadTimeIsRefusedOnlyWhileAMinimumAgeIsSet() {
        UpstreamFile unknown = file("foo-1.0.tar.gz", Optional.empty());
        UpstreamFile future = file("foo-1.0.tar.gz", Optional.of(NOW.plus(Duration.ofMinutes(5))));

        assertThat(policy("min-age = \"12h\"").file("foo", unknown, NOW))
                .isEqualTo(denied("unknown-age", "no upload time, min-age 12h"));
        assertThat(policy("min-age = \"12h\"").file("foo", future, NOW)).isEqualTo(denied("min-age", "age -5m < 12h"));
        assertThat(policy("").file("foo", unknown, NOW)).isEqualTo(Decision.ALLOWED);
        assertThat(policy("").withDefaultMinAge(Duration.ofMinutes(30)).file("foo", unknown, NOW))
                .as("serve --upstream-min-age").isEqualTo(denied("unknown-age", "no upload time, min-age 30m"));
        assertThat(policy("min-age = \"0\"").withDefaultMinAge(Duration.ofMinutes(30)).file("foo", unknown, NOW))
                .as("the file's zero overrides the server's").isEqualTo(Decision.ALLOWED);
    }

    @Test
    void theListsDecideBeforeTheAge() {
        Policy policy = policy("allow = [\"foo>=2\"]\ndeny = [\"foo==2.1\"]\nmin-age = \"1w\"");
        Optional<Instant> young = Optional.of(NOW.minus(Duration.ofDays(1)));

        assertThat(policy.file("foo", file("foo-1.0.tar.gz", young), NOW)).isEqualTo(denied("not-allowed", "allowed only foo>=2"));
        assertThat(policy.file("foo", file("foo-2.1.tar.gz", young), NOW)).isEqualTo(denied("deny", "foo==2.1"));
        assertThat(policy.file("foo", file("foo-2.2.tar.gz", young), NOW)).isEqualTo(denied("min-age", "age 1d < 7d"));
        assertThat(policy.file("foo", file("foo-2.2.tar.gz", Optional.of(NOW.minus(Duration.ofDays(8)))), NOW))
                .isEqualTo(allowed("allow", "foo>=2"));
    }

    @Test
    void detailsAreShortAsciiLinesAndRulesAClosedSet() {
        StringBuilder many = new StringBuilder("allow = [");
        for (int i = 0; i < 40; i++) {
            many.append("\"foo==").append(i).append(".0\", ");
        }
        Policy policy = policy(many.append("]\nmin-age = \"1d\"").toString());
        List<Decision> decisions = new ArrayList<>();
        decisions.add(policy.project("foo"));
        decisions.add(policy.project("bar"));
        decisions.add(file(policy, "foo", "foo-99.0.tar.gz"));
        decisions.add(policy.file("foo", file("foo-1.0.tar.gz", Optional.empty()), NOW));

        for (Decision decision : decisions) {
            assertThat(decision.detail()).hasSizeLessThanOrEqualTo(160).matches("[\\x20-\\x7e]*");
            assertThat(Policy.RULES).contains(decision.rule());
        }
        assertThat(decisions.get(2).detail()).startsWith("allowed only foo==0.0 or foo==1.0 or ").endsWith("...");
        assertThat(Policy.RULES).as("the metrics' closed set").containsExactlyElementsOf(Metrics.POLICY_RULES);
    }
}
