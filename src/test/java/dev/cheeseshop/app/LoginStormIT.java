package dev.cheeseshop.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.testing.Processes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 500 concurrent uploads with made-up credentials against the packaged jar in a 256 MiB heap,
 * where 200 concurrent Argon2id checks (one per Jetty worker, 19 MiB each) would need about
 * 4 GiB: every answer is a refusal (403, 429 or 503, never a 500), the server stays up with no
 * OutOfMemoryError in its log, and it serves {@code /simple/} during and after the storm.
 */
class LoginStormIT {
    private static final int STORM = 500;

    @TempDir
    Path tmp;

    private static Processes.Command serve(Path data, String loginRateLimit) {
        String jar = System.getProperty("cheeseshop.jar", "target/cheeseshop.jar");
        return Processes.command(Processes.java(), "-Xmx256m", "-jar", jar, "serve", "--data", data.toString(),
                        "--host", "127.0.0.1", "--port", "0", "--login-rate-limit", loginRateLimit)
                .withoutEnvPrefix("CHEESESHOP_").withoutEnvPrefix("JAVA_TOOL_OPTIONS")
                .withoutEnvPrefix("JDK_JAVA_OPTIONS").timeout(Duration.ofMinutes(2));
    }

    /** With no limit on failed logins, only the bound on concurrent checks stands between the storm and the heap. */
    @Test
    void withoutTheLoginLimitTheGateKeepsTheHeapAndTheIndexServing() throws Exception {
        try (ServedJar server = ServedJar.start(serve(tmp.resolve("d"), "off"))) {
            Map<Integer, Integer> statuses = storm(server);

            assertThat(statuses.keySet()).as("statuses and their counts: %s", statuses).isSubsetOf(403, 503);
            assertThat(statuses.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(STORM);
            assertStillHealthy(server);
        }
    }

    /** With the limit, the address is locked out after its tenth failure: the rest cost no check at all. */
    @Test
    void withTheLoginLimitAtMostTheLimitIsChecked() throws Exception {
        try (ServedJar server = ServedJar.start(serve(tmp.resolve("d"), "10/hour"))) {
            Map<Integer, Integer> statuses = storm(server);

            assertThat(statuses.keySet()).as("statuses and their counts: %s", statuses).isSubsetOf(403, 429, 503);
            assertThat(statuses.getOrDefault(403, 0)).as("failed logins: %s", statuses).isBetween(1, 10);
            assertThat(statuses.getOrDefault(429, 0)).as("locked out: %s", statuses).isPositive();
            assertStillHealthy(server);
        }
    }

    /** Fires the storm, asks for /simple/ while it is in flight, and answers how many of each status came back. */
    private static Map<Integer, Integer> storm(ServedJar server) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(threads)
                .connectTimeout(Duration.ofSeconds(30)).build();
        try {
            List<CompletableFuture<HttpResponse<Void>>> answers = new ArrayList<>();
            for (int i = 0; i < STORM; i++) {
                String credentials = Base64.getEncoder().encodeToString(
                        ("user" + (i % 50) + ":made-up-password-" + i).getBytes(StandardCharsets.UTF_8));
                HttpRequest request = HttpRequest.newBuilder(server.uri("/legacy/")).timeout(Duration.ofMinutes(2))
                        .header("Authorization", "Basic " + credentials)
                        .header("Content-Type", "multipart/form-data; boundary=storm")
                        .POST(HttpRequest.BodyPublishers.ofString("--storm--\r\n")).build();
                answers.add(client.sendAsync(request, HttpResponse.BodyHandlers.discarding()));
            }
            assertThat(simple(server.uri("/simple/"))).as("/simple/ during the storm").isEqualTo(200);
            Map<Integer, Integer> statuses = new TreeMap<>();
            for (CompletableFuture<HttpResponse<Void>> answer : answers) {
                statuses.merge(answer.get().statusCode(), 1, Integer::sum);
            }
            return statuses;
        } finally {
            threads.shutdownNow();
        }
    }

    private static void assertStillHealthy(ServedJar server) throws Exception {
        assertThat(simple(server.uri("/simple/"))).as("/simple/ after the storm").isEqualTo(200);
        assertThat(server.process.process().isAlive()).isTrue();
        assertThat(server.process.stderr()).doesNotContain("OutOfMemoryError");
    }

    private static int simple(URI uri) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(2)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
