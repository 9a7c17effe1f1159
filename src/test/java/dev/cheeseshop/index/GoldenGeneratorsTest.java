package dev.cheeseshop.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.cheeseshop.testing.Processes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The goldens are what their generators write now. Each Python script beside them is run into a
 * temporary directory, and it must write exactly its goldens, byte for byte the committed ones: a
 * golden edited by hand, or a script changed without regenerating, fails here. Every file in
 * src/test/resources/golden/ belongs to a script.
 *
 * <p>The interpreter is {@code -Dcheeseshop.python=...} if given, else {@code /usr/bin/python3} when
 * there is one (the system Python, for which CI installs {@code python3-jinja2} with apt; a
 * {@code python3} earlier on the PATH, pyenv's say, may lack Jinja2 or a strict
 * {@code getaddresses}), else {@code python3} on the PATH. A missing interpreter or Jinja2 fails
 * the test with how to install it; it is never skipped.
 */
class GoldenGeneratorsTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final Path RSS = Path.of("src/test/resources/rss");
    private static final String INSTALL = "apt-get install python3 python3-jinja2";

    /** Which script writes which goldens. */
    private static final Map<String, Set<String>> WRITES = Map.of(
            "generate_json_api.py", Set.of("json-project.json", "json-release-yanked.json", "json-release-bare.json"),
            "generate_simple.py", Set.of("simple-project.json", "simple-project.html", "simple-project-empty.json",
                    "simple-project-empty.html", "simple-index.json", "simple-index.html", "simple-etags.tsv"),
            "generate_rss.py", Set.of("rss-updates.xml", "rss-packages.xml", "rss-project-releases.xml",
                    "rss-project-empty.xml"));

    @TempDir
    Path out;

    @Test
    void theJsonApiGoldensAreWhatGenerateJsonApiWrites() throws IOException {
        assertWritesItsGoldens("generate_json_api.py");
    }

    @Test
    void theSimpleApiGoldensAreWhatGenerateSimpleWrites() throws IOException {
        requireJinja();
        assertWritesItsGoldens("generate_simple.py");
    }

    @Test
    void theRssGoldensAreWhatGenerateRssWrites() throws IOException {
        requireJinja();
        assertWritesItsGoldens("generate_rss.py");
    }

    @Test
    void theAuthorTableIsWhatGenerateAuthorEmailsPrints() throws IOException {
        Processes.Result result = python(RSS.resolve("generate_author_emails.py").toAbsolutePath().toString());
        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertSame(RSS.resolve("author-emails.jsonl"), result.stdout().getBytes(StandardCharsets.UTF_8),
                "python3 generate_author_emails.py > author-emails.jsonl");
    }

    @Test
    void everyGoldenIsWrittenByAScript() throws IOException {
        Set<String> committed;
        try (Stream<Path> files = Files.list(GOLDEN)) {
            committed = files.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(name -> !name.endsWith(".py") && !name.equals(".gitattributes"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> written = WRITES.values().stream().flatMap(Set::stream)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(committed).as("files in " + GOLDEN + " that no generator writes, or goldens that are missing")
                .isEqualTo(written);
    }

    private void assertWritesItsGoldens(String script) throws IOException {
        Processes.Result result = python(GOLDEN.resolve(script).toAbsolutePath().toString(), out.toString());
        assertThat(result.exitCode()).as(result.describe()).isZero();
        Set<String> wrote;
        try (Stream<Path> files = Files.list(out)) {
            wrote = files.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
        assertThat(wrote).as("what " + script + " wrote").isEqualTo(new TreeSet<>(WRITES.get(script)));
        for (String name : wrote) {
            assertSame(GOLDEN.resolve(name), Files.readAllBytes(out.resolve(name)), "python3 " + script);
        }
    }

    private static void assertSame(Path golden, byte[] generated, String regenerate) throws IOException {
        assertThat(golden).as("the committed golden").isRegularFile();
        byte[] committed = Files.readAllBytes(golden);
        String why = golden + " is not what the generator writes now. If the script is right, regenerate it ("
                + regenerate + " in " + golden.getParent() + ") and commit; if the golden is right, fix the script.";
        assertThat(new String(committed, StandardCharsets.UTF_8)).as(why)
                .isEqualTo(new String(generated, StandardCharsets.UTF_8));
        assertThat(committed).as(why).isEqualTo(generated);
    }

    private static void requireJinja() {
        Processes.Result result = python("-c", "import jinja2");
        if (result.exitCode() != 0) {
            fail("the golden generators need Jinja2 for " + interpreter() + "; install it with: " + INSTALL + "\n"
                    + result.describe());
        }
    }

    private static Processes.Result python(String... args) {
        List<String> command = Stream.concat(Stream.of(interpreter(), "-B"), Stream.of(args)).toList();
        return Processes.command(command).withoutEnvPrefix("PYTHON").env("PYTHONUTF8", "1")
                .timeout(Duration.ofMinutes(1)).run();
    }

    private static String interpreter() {
        String chosen = System.getProperty("cheeseshop.python");
        if (chosen != null && !chosen.isBlank()) {
            return chosen;
        }
        Path system = Path.of("/usr/bin/python3");
        if (Files.isExecutable(system)) {
            return system.toString();
        }
        return Processes.which("python3").map(Path::toString)
                .orElseGet(() -> fail("python3 is not installed; the golden generators need it: " + INSTALL));
    }
}
