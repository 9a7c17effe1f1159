package dev.cheeseshop.description;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The child process's leash, with stand-ins for the interpreter (shell scripts given as the
 * configurable python path): what it is given (environment, working directory, the text on
 * stdin), and what happens when it hangs, writes too much, or fails. Every case answers plain
 * text with a note, and leaves no process behind.
 */
class RstSandboxTest {
    @TempDir
    Path tmp;

    private Path standIn(String body) throws IOException {
        Path script = tmp.resolve("python-" + System.nanoTime());
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private static DescriptionRenderer renderer(Path python, RstRenderer.Limits limits) {
        return new DescriptionRenderer(new RstRenderer(python, limits));
    }

    private static final RstRenderer.Limits SMALL = new RstRenderer.Limits(1000, 1000, Duration.ofSeconds(20), 2);

    @Test
    void theChildGetsTheTextOnStdinAndItsOutputIsSanitised() throws IOException {
        Path cat = standIn("exec /bin/cat");

        RenderedDescription rendered = renderer(cat, SMALL)
                .render("<p onclick=\"x()\">hi</p><script>alert(1)</script>", "text/x-rst");

        assertThat(rendered.renderer()).isEqualTo("rst");
        assertThat(rendered.problem()).isEmpty();
        assertThat(HtmlShape.of(rendered.html())).containsExactly("<p>", "'hi'", "</p>");
    }

    @Test
    void theChildRunsIsolatedInAnEmptyDirectoryWithAnEmptyEnvironment() throws IOException {
        Path seen = Files.createDirectory(tmp.resolve("seen"));
        Path spy = standIn("/usr/bin/env > " + seen + "/env; /bin/pwd > " + seen + "/pwd; /bin/ls -A > " + seen
                + "/ls; echo \"$@\" > " + seen + "/args; exit 1");

        RenderedDescription rendered = renderer(spy, SMALL).render("text", null);

        assertThat(rendered.problem()).hasValue("The description could not be rendered as reStructuredText:"
                + " the renderer failed (exit status 1); it is shown as plain text.");
        // PWD is the stand-in shell's own: sh exports it at start.
        assertThat(Files.readString(seen.resolve("env")).lines().filter(line -> !line.startsWith("PWD=")))
                .containsExactly("LC_ALL=C.UTF-8");
        assertThat(Files.readString(seen.resolve("ls"))).isEmpty();
        Path cwd = Path.of(Files.readString(seen.resolve("pwd")).strip());
        assertThat(cwd).isNotEqualTo(Path.of("").toAbsolutePath());
        assertThat(cwd).doesNotExist(); // removed afterwards
        assertThat(Files.readString(seen.resolve("args"))).startsWith("-I -c ");
    }

    @Test
    void aChildPastTheTimeLimitIsKilledAndTheTextShownPlain() throws Exception {
        Path pid = tmp.resolve("pid");
        Path sleeper = standIn("echo $$ > " + pid + "\nexec /bin/sleep 600");

        RenderedDescription rendered = renderer(sleeper, new RstRenderer.Limits(1000, 1000, Duration.ofSeconds(2), 2))
                .render("*a*", "text/x-rst");

        assertThat(rendered.renderer()).isEqualTo("plain");
        assertThat(rendered.problem()).hasValue("The description could not be rendered as reStructuredText:"
                + " it took longer than 2000 ms; it is shown as plain text.");
        assertThat(HtmlShape.of(rendered.html())).containsExactly("<pre>", "'*a*'", "</pre>");
        assertThat(pid).exists();
        long id = Long.parseLong(Files.readString(pid).strip());
        assertThat(ProcessHandle.of(id).map(ProcessHandle::isAlive)).as("the stand-in, pid " + id)
                .isNotEqualTo(java.util.Optional.of(true));
    }

    @Test
    void anOutputOverTheLimitIsPlainWithANote() throws IOException {
        Path loud = standIn("/usr/bin/head -c 100000 /dev/zero | /usr/bin/tr '\\0' a");

        RenderedDescription rendered = renderer(loud, SMALL).render("*a*", "text/x-rst");

        assertThat(rendered.problem()).hasValue("The description could not be rendered as reStructuredText:"
                + " its HTML is larger than 1000 bytes; it is shown as plain text.");
    }

    @Test
    void anInputOverTheLimitNeverStartsTheChild() throws IOException {
        Path marker = tmp.resolve("started");
        Path spy = standIn("touch " + marker + "; exec /bin/cat");

        RenderedDescription rendered = renderer(spy, SMALL).render("x".repeat(1001), "text/x-rst");

        assertThat(rendered.problem()).hasValue("The description could not be rendered as reStructuredText:"
                + " it is larger than 1000 bytes; it is shown as plain text.");
        assertThat(marker).doesNotExist();
    }

    @Test
    void aDocutilsRefusalCarriesItsFirstLineBounded() throws IOException {
        Path refusing = standIn("/bin/cat > /dev/null; echo '" + "x".repeat(400) + "' >&2; echo second >&2; exit 3");

        RenderedDescription rendered = renderer(refusing, SMALL).render("*a*", null);

        assertThat(rendered.problem()).hasValue("The description could not be rendered as reStructuredText: "
                + "x".repeat(300) + "\u2026; it is shown as plain text.");
    }

    @Test
    void aMissingInterpreterIsPlainWithANote() {
        RenderedDescription rendered = renderer(tmp.resolve("no-such-python"), SMALL).render("*a*", null);

        assertThat(rendered.renderer()).isEqualTo("plain");
        assertThat(rendered.problem()).hasValue("The description could not be rendered as reStructuredText:"
                + " the renderer could not run (IOException); it is shown as plain text.");
    }

    @Test
    void anEmptyOutputIsAFailureNotAnEmptyDescription() throws IOException {
        Path silent = standIn("/bin/cat > /dev/null; exit 0");

        RenderedDescription rendered = renderer(silent, SMALL).render("*a*", null);

        assertThat(rendered.problem()).hasValue("The description could not be rendered as reStructuredText:"
                + " the renderer failed (exit status 0); it is shown as plain text.");
    }
}
