package dev.cheeseshop.proxy.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Reading policy files: what a good one gives, and the one-line error each kind of bad one gets. */
class PolicyFileTest {

    private static Policy parse(String toml) throws PolicyException {
        return PolicyFile.parse("policy.toml", toml.getBytes(StandardCharsets.UTF_8));
    }

    private static String error(String toml) {
        try {
            parse(toml);
        } catch (PolicyException e) {
            assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("\r");
            assertThat(e.getStackTrace()).isEmpty();
            return e.getMessage();
        }
        throw new AssertionError("accepted: " + toml);
    }

    @Test
    void theExampleFile() throws PolicyException {
        Policy policy = parse("""
                # the proxy's policy
                allow = ["requests", "urllib3>=2", "numpy"]   # only these come from the upstream
                deny = ["evilpkg", "requests<2.20"]           # always wins over allow
                min-age = "3d"
                """);

        assertThat(policy.describe()).containsExactly(
                "allow: 3 entries, only these come from the upstream:",
                "  requests",
                "  urllib3>=2",
                "  numpy",
                "deny: 2 entries:",
                "  evilpkg",
                "  requests<2.20",
                "min-age: 3d");
        assertThat(policy.effectiveMinAge()).isEqualTo(Duration.ofDays(3));
    }

    @Test
    void everyKeyIsOptional() throws PolicyException {
        Policy empty = parse("# nothing\n");

        assertThat(empty.describe()).containsExactly(
                "allow: no list (any project not denied may come from the upstream)",
                "deny: 0 entries",
                "min-age: not set (serve --upstream-min-age applies)");
        assertThat(empty.effectiveMinAge()).isZero();
        assertThat(empty.withDefaultMinAge(Duration.ofHours(12)).effectiveMinAge()).isEqualTo(Duration.ofHours(12));
        assertThat(parse("").describe()).isEqualTo(empty.describe());
        assertThat(empty.needsUploadTimes()).isFalse();
        assertThat(empty.withDefaultMinAge(Duration.ofHours(12)).needsUploadTimes()).isTrue();
    }

    @Test
    void anEmptyAllowListAllowsNothingAndTheFilesMinAgeOverridesTheDefault() throws PolicyException {
        Policy policy = parse("allow = []\nmin-age = \"0\"\n").withDefaultMinAge(Duration.ofDays(3));

        assertThat(policy.describe()).containsExactly(
                "allow: 0 entries (nothing comes from the upstream)",
                "deny: 0 entries",
                "min-age: 0s (none, whatever serve --upstream-min-age says)");
        assertThat(policy.effectiveMinAge()).isZero();
        assertThat(policy.needsUploadTimes()).isFalse();
        assertThat(parse("min-age = \"2w\"").withDefaultMinAge(Duration.ofDays(3)).effectiveMinAge())
                .isEqualTo(Duration.ofDays(14));
        assertThat(parse("min-age = \"2w\"").needsUploadTimes()).isTrue();
    }

    @Test
    void entriesAreWrittenWithoutSpacesOrParentheses() throws PolicyException {
        Policy policy = parse("""
                deny = [" Foo.Bar ", "requests < 2.20", "numpy (>=1.26, <2)", 'literal-quotes==1.0', "a===x"]
                """);

        assertThat(policy.describe()).containsExactly(
                "allow: no list (any project not denied may come from the upstream)",
                "deny: 5 entries:",
                "  Foo.Bar",
                "  requests<2.20",
                "  numpy>=1.26,<2",
                "  literal-quotes==1.0",
                "  a===x",
                "min-age: not set (serve --upstream-min-age applies)");
    }

    static Stream<Arguments> badFiles() {
        return Stream.of(
                // TOML itself, with the parser's line and column
                Arguments.of("allow = [\"requests\"\ndeny = []\n", "policy.toml:2:1: not valid TOML: "),
                Arguments.of("allow = [\"a\"]\nallow = [\"b\"]\n", "policy.toml:3:1: not valid TOML: Duplicate key"),
                Arguments.of("allow = \"\\q\"", "policy.toml:1:10: not valid TOML: Unknown escape sequence"),
                // keys
                Arguments.of("alow = [\"requests\"]", "policy.toml:1: unknown key \"alow\" (a policy has allow, deny and min-age)"),
                Arguments.of("deny = []\n[allow]\nx = 1", "policy.toml:2: allow must be an array of strings"),
                Arguments.of("deny = []\n[extra]\nx = 1", "policy.toml:2: unknown key \"extra\""),
                // values of the wrong type
                Arguments.of("allow = \"requests\"", "policy.toml:1: allow must be an array of strings such as [\"requests\", \"urllib3>=2\"]"),
                Arguments.of("deny = [\"a\", 1]", "policy.toml:1: deny entry 2 is not a string"),
                Arguments.of("deny = [1979-05-27]", "policy.toml:1: deny entry 1 is not a string"),
                Arguments.of("min-age = 3", "policy.toml:1: min-age must be a string such as \"3d\""),
                // bad entries, named
                Arguments.of("deny = [\"requests<<2\"]", "policy.toml:1: deny entry \"requests<<2\": '<<2' is not a valid PEP 440 version specifier"),
                Arguments.of("deny = [\n  \"ok\",\n  \"requests >=2.0.*\",\n]", "policy.toml:3: deny entry \"requests >=2.0.*\": '>=2.0.*' is not a valid PEP 440 version specifier"),
                Arguments.of("allow = [\"requests 2.0\"]", "policy.toml:1: allow entry \"requests 2.0\": '2.0' is not a valid PEP 440 version specifier"),
                Arguments.of("allow = [\"requests>=2,\"]", "policy.toml:1: allow entry \"requests>=2,\": an empty clause between commas"),
                Arguments.of("allow = [\"-requests\"]", "policy.toml:1: allow entry \"-requests\": not a project name"),
                Arguments.of("allow = [\"\"]", "policy.toml:1: allow entry \"\": not a project name"),
                Arguments.of("allow = [\"requests[socks]\"]", "policy.toml:1: allow entry \"requests[socks]\": extras are not allowed"),
                Arguments.of("allow = [\"requests; python_version<'3'\"]", "policy.toml:1: allow entry \"requests; python_version<'3'\": environment markers are not allowed"),
                Arguments.of("allow = [\"requests @ https://x/r.whl\"]", "policy.toml:1: allow entry \"requests @ https://x/r.whl\": a URL is not allowed"),
                Arguments.of("allow = [\"requests ()\"]", "policy.toml:1: allow entry \"requests ()\": empty parentheses"),
                Arguments.of("allow = [\"r\u00e9quests\"]", "policy.toml:1: allow entry \"r\u00e9quests\": only printable ASCII is allowed"),
                Arguments.of("allow = [\"a\\tb\"]", "policy.toml: allow entry \"a\\u0009b\": only printable ASCII is allowed"),
                // the entry on two lines: no line
                Arguments.of("deny = [\"x<<1\"]\nallow = [\"x<<1\", \"y\"]", "policy.toml: allow entry \"x<<1\": '<<1' is not"),
                // durations
                Arguments.of("min-age = \"3 days\"", "policy.toml:1: min-age \"3 days\" is not a duration such as 30s, 30m, 12h, 3d or 2w"),
                Arguments.of("min-age = \"-1d\"", "policy.toml:1: min-age \"-1d\" is not a duration"),
                Arguments.of("min-age = \"\"", "policy.toml:1: min-age \"\" is not a duration"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badFiles")
    void aBadFileIsOneLineNamingTheFileTheLineAndTheEntry(String toml, String message) {
        assertThat(error(toml)).startsWith(message.strip());
    }

    @Test
    void aLongBadEntryIsCutShortInTheMessage() {
        String entry = "x".repeat(300) + " bad";

        assertThat(error("deny = [\"" + entry + "\"]")).startsWith("policy.toml:1: deny entry \"" + "x".repeat(80) + "...\": ");
    }

    @Test
    void onlyUtf8(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> PolicyFile.parse("p.toml", new byte[] {'a', '=', '"', (byte) 0xff, '"'}))
                .hasMessage("p.toml: not UTF-8 text");
        Path missing = dir.resolve("none.toml");
        assertThatThrownBy(() -> PolicyFile.load(missing)).isInstanceOf(PolicyException.class)
                .hasMessage(missing + ": no such file");
        Path file = dir.resolve("p.toml");
        Files.writeString(file, "deny = [\"evilpkg\"]\n");
        assertThat(PolicyFile.load(file).describe()).contains("  evilpkg");
        assertThatThrownBy(() -> PolicyFile.load(dir)).isInstanceOf(PolicyException.class)
                .hasMessageStartingWith(dir + ": ");
    }

    @Test
    void aFileTooBigIsRefusedUnread(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("big.toml");
        Files.write(file, new byte[(int) PolicyFile.MAX_BYTES + 1]);

        assertThatThrownBy(() -> PolicyFile.load(file)).hasMessage(file + ": larger than 8 MiB");
    }
}
