package dev.cheeseshop.testing.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.Processes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The Nu HTML Checker (the W3C's validator, {@code vnu.jar} from the npm package {@code vnu-jar}),
 * run as a separate {@code java -jar} on documents written to temporary files. Its JVM takes a
 * second or two to start, so a test checks all its pages in one run ({@link #check(Map)},
 * {@link #assertAllValid(Map)}).
 *
 * <p>A page is valid when the checker reports no error, as the checker itself defines validity;
 * its warnings are advice, printed to the test's output and with the messages of a failure (and
 * available from {@link #check}) but not failing. A message about the checker rather than a document (it could
 * not read a file) fails the test.
 */
public final class NuChecker {
    private static final ObjectMapper JSON = new ObjectMapper();

    private NuChecker() {}

    /** One message: {@code type} is {@code error}, {@code warning} or {@code info}. */
    public record Message(String type, int line, int column, String message, String extract) {
        public boolean isError() {
            return type.equals("error");
        }

        public String describe() {
            return type + " at " + line + ":" + column + ": " + message
                    + (extract.isEmpty() ? "" : "\n    " + extract.replace("\n", "\u23ce"));
        }
    }

    /** Checks each document (by name) in one run of the checker; every name gets a list, empty if clean. */
    public static Map<String, List<Message>> check(Map<String, String> documents) {
        Path jar = BrowserTools.vnuJar();
        Path dir = null;
        try {
            dir = Files.createTempDirectory("cheeseshop-vnu-");
            Map<String, String> names = new LinkedHashMap<>();
            List<String> command = new ArrayList<>(List.of(Processes.java(), "-jar", jar.toString(),
                    "--format", "json", "--stdout", "--exit-zero-always"));
            int i = 0;
            for (Map.Entry<String, String> document : documents.entrySet()) {
                Path file = dir.resolve("document-" + i++ + ".html");
                Files.writeString(file, document.getValue(), StandardCharsets.UTF_8);
                names.put(file.getFileName().toString(), document.getKey());
                command.add(file.toString());
            }
            Processes.Result run = Processes.command(command).timeout(Duration.ofMinutes(2)).run();
            assertThat(run.exitCode()).as("the Nu HTML Checker: %s", run.describe()).isZero();
            return messages(run, names);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteTree(dir);
        }
    }

    /** The messages about one document. */
    public static List<Message> check(String name, String html) {
        return check(Map.of(name, html)).get(name);
    }

    /** Fails, with every message, if the document has an error. */
    public static void assertValid(String name, String html) {
        assertAllValid(Map.of(name, html));
    }

    /** Fails, with every message of each failing document, if any document has an error (one run). */
    public static void assertAllValid(Map<String, String> documents) {
        Map<String, List<Message>> results = check(documents);
        results.forEach((name, messages) -> messages.stream().filter(m -> !m.isError())
                .forEach(m -> System.out.println("Nu HTML Checker, " + name + ": " + m.describe())));
        String failures = results.entrySet().stream()
                .filter(e -> e.getValue().stream().anyMatch(Message::isError))
                .map(e -> e.getKey() + ":\n  " + e.getValue().stream().map(Message::describe)
                        .collect(Collectors.joining("\n  ")))
                .collect(Collectors.joining("\n"));
        if (!failures.isEmpty()) {
            fail("not valid HTML according to the Nu HTML Checker:\n%s", failures);
        }
    }

    /** Fails as {@link #assertAllValid} for the pages at these URLs (each fetched with a GET, named by its URL). */
    public static void assertValid(URI... pages) {
        Map<String, String> documents = new LinkedHashMap<>();
        for (URI page : pages) {
            Http.Response response = Http.get(page);
            assertThat(response.status()).as("GET %s", page).isEqualTo(200);
            documents.put(page.toString(), response.text());
        }
        assertAllValid(documents);
    }

    private static Map<String, List<Message>> messages(Processes.Result run, Map<String, String> names)
            throws IOException {
        Map<String, List<Message>> byName = new LinkedHashMap<>();
        names.values().forEach(name -> byName.put(name, new ArrayList<>()));
        for (JsonNode m : JSON.readTree(run.stdout()).path("messages")) {
            String url = m.path("url").asText("");
            String file = url.substring(url.lastIndexOf('/') + 1);
            String type = m.path("type").asText();
            if (!names.containsKey(file) || type.equals("non-document-error")) {
                fail("the Nu HTML Checker failed: %s\n%s", m, run.describe());
            }
            if (type.equals("info") && m.path("subType").asText().equals("warning")) {
                type = "warning";
            }
            byName.get(names.get(file)).add(new Message(type, m.path("lastLine").asInt(), m.path("firstColumn").asInt(),
                    m.path("message").asText(), m.path("extract").asText("")));
        }
        return byName;
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary directory left behind
        }
    }
}
