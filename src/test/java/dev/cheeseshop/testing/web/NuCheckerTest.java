package dev.cheeseshop.testing.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Nu HTML Checker is run and its answers reach the test: errors planted in a document are
 * reported, at their place, against that document and no other of the same run; a valid document
 * passes, with its warnings kept; a missing checker fails with the command that installs it.
 */
class NuCheckerTest {
    private static final String HEAD = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>T</title></head>";

    @TempDir
    Path tmp;

    @Test
    void oneRunChecksEveryDocumentAndAttributesEachMessageToItsOwn() {
        Map<String, String> documents = new LinkedHashMap<>();
        documents.put("clean", HEAD + "<body><main><h1>Fine</h1><p>A paragraph.</p></main></body></html>");
        documents.put("broken", HEAD + "<body>\n<p>one<div>two</p>\n<img src=\"x.png\">\n</body></html>");
        documents.put("warned", HEAD + "<body><section><p>A section without a heading.</p></section></body></html>");

        Map<String, List<NuChecker.Message>> results = NuChecker.check(documents);

        assertThat(results).containsOnlyKeys("clean", "broken", "warned");
        assertThat(results.get("clean")).isEmpty();
        List<NuChecker.Message> invalid = results.get("broken");
        assertThat(invalid).filteredOn(NuChecker.Message::isError).extracting(NuChecker.Message::message)
                .anyMatch(m -> m.equals("No “p” element in scope but a “p” end tag seen."))
                .anyMatch(m -> m.startsWith("An “img” element must have an “alt” attribute"))
                .anyMatch(m -> m.equals("Unclosed element “div”."));
        assertThat(invalid).filteredOn(m -> m.message().startsWith("An “img”"))
                .singleElement().satisfies(m -> assertThat(m.line()).isEqualTo(3));
        assertThat(results.get("warned")).singleElement().satisfies(m -> {
            assertThat(m.type()).isEqualTo("warning");
            assertThat(m.isError()).isFalse();
            assertThat(m.message()).startsWith("Section lacks heading.");
        });

        // The verdict as an assertion: only the broken document fails, with its messages.
        assertThatThrownBy(() -> NuChecker.assertAllValid(documents))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("not valid HTML according to the Nu HTML Checker:\nbroken:\n  error at 2:")
                .hasMessageContaining("No “p” element in scope but a “p” end tag seen.")
                .hasMessageNotContaining("clean:")
                .hasMessageNotContaining("warned:");
    }

    @Test
    void aMissingCheckerFailsWithTheCommandThatInstallsIt() {
        assertThatThrownBy(() -> BrowserTools.npmFile(tmp, "vnu-jar/build/dist/vnu.jar"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("npm ci --prefix browser-tools");
        assertThat(BrowserTools.vnuJar()).exists();
        assertThat(BrowserTools.axeScript()).exists();
    }
}
