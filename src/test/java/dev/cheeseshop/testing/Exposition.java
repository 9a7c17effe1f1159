package dev.cheeseshop.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code /metrics} answer as a real Prometheus client library reads it: Python's
 * {@code prometheus_client} parser (Debian's python3-prometheus-client, which {@code .ci/run}
 * installs), run on the text by {@code metrics/parse_exposition.py}. A text it refuses fails the
 * test; a missing parser fails it too, saying how to install it, and never skips it.
 */
public final class Exposition {
    private static final String INSTALL = "apt-get install python3-prometheus-client";
    private static final JsonMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private final JsonNode families;

    private Exposition(JsonNode families) {
        this.families = families;
    }

    /** GETs {@code /metrics} of the server at {@code metrics}, requires a 200 and parses it. */
    public static Exposition scrape(URI metrics, String... headers) {
        Http.Response response = Http.get(metrics, headers);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(response.header("Content-Type")).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
        return parse(response.text());
    }

    /** Parses an exposition in the Prometheus text format. */
    public static Exposition parse(String text) {
        Processes.Result parsed = Processes.command(python(), "-B", "-c", script()).withoutEnvPrefix("PYTHON")
                .env("PYTHONUTF8", "1").stdin(text).timeout(Duration.ofMinutes(1)).run();
        if (parsed.exitCode() != 0 && parsed.stderr().contains("No module named 'prometheus_client'")) {
            fail("Python's prometheus_client is not installed for %s: %s", python(), INSTALL);
        }
        assertThat(parsed.exitCode()).as("prometheus_client refused the exposition:\n" + parsed.describe()).isZero();
        try {
            return new Exposition(JSON.readTree(parsed.stdout()).get("families"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The family's type as the parser read it ({@code counter}, {@code gauge}, {@code histogram}, ...). */
    public Optional<String> type(String family) {
        for (JsonNode f : families) {
            if (f.get("name").asText().equals(family)) {
                return Optional.of(f.get("type").asText());
            }
        }
        return Optional.empty();
    }

    /**
     * The value of the sample named {@code sample} whose labels include {@code labels} (name,
     * value, ...), which must be exactly one; empty when there is none.
     */
    public Optional<Double> value(String sample, String... labels) {
        Map<String, String> wanted = new LinkedHashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        Double found = null;
        for (JsonNode family : families) {
            for (JsonNode s : family.get("samples")) {
                if (!s.get("name").asText().equals(sample) || !matches(s.get("labels"), wanted)) {
                    continue;
                }
                if (found != null) {
                    fail("more than one sample %s with %s", sample, wanted);
                }
                found = s.get("value").asDouble();
            }
        }
        return Optional.ofNullable(found);
    }

    /** The value as {@link #value}, or 0 when the series is not there yet (a labelled counter before its first use). */
    public double count(String sample, String... labels) {
        return value(sample, labels).orElse(0.0);
    }

    private static boolean matches(JsonNode labels, Map<String, String> wanted) {
        for (Map.Entry<String, String> label : wanted.entrySet()) {
            JsonNode value = labels.get(label.getKey());
            if (value == null || !value.asText().equals(label.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static String script() {
        try (InputStream in = Exposition.class.getResourceAsStream("/metrics/parse_exposition.py")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Debian's interpreter, which has Debian's python3-prometheus-client; else python3 on the PATH. */
    private static String python() {
        String chosen = System.getProperty("cheeseshop.python");
        if (chosen != null && !chosen.isBlank()) {
            return chosen;
        }
        Path system = Path.of("/usr/bin/python3");
        if (Files.isExecutable(system)) {
            return system.toString();
        }
        return Processes.which("python3").map(Path::toString)
                .orElseGet(() -> fail("python3 is not installed; the metrics tests need it: " + INSTALL));
    }
}
