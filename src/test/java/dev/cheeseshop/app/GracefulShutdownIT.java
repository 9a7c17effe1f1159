package dev.cheeseshop.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cheeseshop.dist.TestArchives;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.Processes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cheeseshop serve}, the packaged jar, stopped with SIGTERM in the middle of several
 * uploads, each provably in flight (the server has staged part of its body) when the signal is
 * sent: those whose clients go on sending finish with 200 and are stored; the one whose client
 * stalls past {@code --shutdown-timeout} gets no 200 and is not stored; no staged file is left;
 * the readiness probe, on a connection opened before, never answers 200 again (503, or the idle
 * connection closed; the 503's body is {@code health/ReadinessTest}'s); the process exits with 0; and
 * with {@code --log-format json} every line it logs is JSON, the access log's lines naming the user.
 */
class GracefulShutdownIT {
    private static final String PASSWORD = "graceful-password-1";
    private static final String BOUNDARY = "----graceful-shutdown-boundary";
    private static final int FINISHING = 3;
    private static final int HEAD = 256 * 1024;

    @TempDir
    Path tmp;

    /** One upload whose body stops after its first {@link #HEAD} bytes until released. */
    private record Upload(String project, Path wheel, byte[] body, CountDownLatch gate,
            CompletableFuture<HttpResponse<String>> answer) {}

    @Test
    void sigtermLetsUploadsInFlightFinishAndExitsWithStatus0() throws Exception {
        Path data = tmp.resolve("data");
        Processes.Result added = Processes.cheeseshop("user", "add", "alice", "--password-stdin", "--data",
                data.toString()).stdin(PASSWORD + "\n").run();
        assertThat(added.exitCode()).as(added.describe()).isZero();
        ServedJar server = ServedJar.start(Processes.cheeseshop("serve", "--data", data.toString(), "--host",
                "127.0.0.1", "--port", "0", "--shutdown-timeout", "10s", "--log-format", "json"));
        List<Upload> uploads = new ArrayList<>();
        try (server; WatchService watch = FileSystems.getDefault().newWatchService()) {
            Path staging = data.resolve("tmp");
            staging.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
            for (int i = 0; i <= FINISHING; i++) {
                uploads.add(start(server, "slow-" + i, i));
            }
            awaitStagedParts(watch, staging, uploads.size());
            try (Socket early = new Socket("127.0.0.1", server.port)) {
                assertThat(exchange(early, "/health")).startsWith("HTTP/1.1 200");

                // SIGTERM; the handle's destroy leaves the process's stdout open (Process.destroy closes it).
                assertThat(server.process.process().toHandle().destroy()).isTrue();
                server.process.awaitLine(line -> line.startsWith("Cheeseshop is stopping"));

                // Never ready again. Usually a 503 naming the shutdown; once, on a loaded machine, the
                // server closed this idle connection instead, before answering (it was stopping). To a
                // load balancer both mean "not ready"; what must never come is a 200. Everything below
                // still proves that the uploads in flight finished and the process exited with 0.
                String ready = readyOrClosed(early);
                assertThat(ready).as("/ready after SIGTERM").satisfiesAnyOf(
                        answer -> assertThat(answer).startsWith("HTTP/1.1 503").contains("\"shutdown\""),
                        answer -> assertThat(answer).isEqualTo(CLOSED));
            }
            for (Upload upload : uploads.subList(0, FINISHING)) {
                upload.gate.countDown();
            }
            List<Integer> statuses = new ArrayList<>();
            for (Upload upload : uploads.subList(0, FINISHING)) {
                statuses.add(status(upload));
            }
            assertThat(server.process.process().waitFor(2, TimeUnit.MINUTES)).as("it exits").isTrue();
            // Only now does the stalled client go on, to find its connection closed at the deadline.
            uploads.get(FINISHING).gate.countDown();
            statuses.add(status(uploads.get(FINISHING)));
            assertThat(server.process.process().exitValue()).as(server.process.stderr()).isZero();
            assertThat(statuses.subList(0, FINISHING)).as("the clients that went on sending\n%s", server.process.stderr())
                    .containsOnly(200);
            assertThat(statuses.get(FINISHING)).as("the client that stalled past the deadline").isNotEqualTo(200);
            try (Stream<Path> left = Files.list(staging)) {
                assertThat(left).as("no staged file left behind").isEmpty();
            }
            checkLog(server.process.stderr());

            try (ServedJar again = ServedJar.start(Processes.cheeseshop("serve", "--data", data.toString(),
                    "--host", "127.0.0.1", "--port", "0"))) {
                for (int i = 0; i < uploads.size(); i++) {
                    checkStored(again, uploads.get(i), statuses.get(i) == 200);
                }
            }
        } finally {
            uploads.forEach(upload -> upload.gate.countDown());
        }
    }

    /** The upload's HTTP status, or -1 when it got no answer. */
    private static int status(Upload upload) throws Exception {
        return upload.answer.handle((response, failure) -> response == null ? -1 : response.statusCode())
                .get(2, TimeUnit.MINUTES);
    }

    private Upload start(ServedJar server, String project, int seed) throws IOException {
        byte[] payload = new byte[HEAD * 4];
        new Random(seed).nextBytes(payload);
        Path wheel = TestArchives.wheel(project, "1.0").file(project.replace('-', '_') + "/payload.bin", payload)
                .stored().writeTo(Files.createDirectories(tmp.resolve("wheels")));
        byte[] body = multipart(project, wheel);
        CountDownLatch gate = new CountDownLatch(1);
        InputStream rest = new InputStream() {
            private InputStream after;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (after == null) {
                    try {
                        gate.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException(e);
                    }
                    after = new ByteArrayInputStream(body, HEAD, body.length - HEAD);
                }
                return after.read(b, off, len);
            }
        };
        InputStream stream = new SequenceInputStream(new ByteArrayInputStream(body, 0, HEAD), rest);
        HttpRequest request = HttpRequest.newBuilder(server.uri("/legacy/"))
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("alice:" + PASSWORD)
                        .getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> stream),
                        body.length))
                .build();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return new Upload(project, wheel, body, gate, client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
    }

    /** Waits, on the file system's own notices, until {@code count} staged files have bytes in them. */
    private static void awaitStagedParts(WatchService watch, Path staging, int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (stagedWithBytes(staging) < count) {
            var key = watch.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            assertThat(key).as("%d uploads staged in %s within a minute", count, staging).isNotNull();
            key.pollEvents();
            key.reset();
        }
    }

    private static long stagedWithBytes(Path staging) throws IOException {
        try (Stream<Path> files = Files.list(staging)) {
            return files.filter(file -> file.getFileName().toString().startsWith("upload-")).filter(file -> {
                try {
                    return Files.size(file) > 0;
                } catch (IOException e) {
                    return false;
                }
            }).count();
        }
    }

    /** What {@link #readyOrClosed} answers when the server closed the connection instead. */
    private static final String CLOSED = "(connection closed)";

    private static String readyOrClosed(Socket socket) {
        try {
            return exchange(socket, "/ready");
        } catch (IOException closed) {
            return CLOSED;
        }
    }

    /** Sends a GET on an open keep-alive connection and answers the response's head and body. */
    private static String exchange(Socket socket, String path) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection closed after: " + head);
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        Matcher length = Pattern.compile("(?i)content-length: *(\\d+)").matcher(text);
        byte[] body = length.find() ? in.readNBytes(Integer.parseInt(length.group(1))) : new byte[0];
        return text + new String(body, StandardCharsets.UTF_8);
    }

    private static byte[] multipart(String project, Path wheel) throws IOException {
        byte[] content = Files.readAllBytes(wheel);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String[][] fields = {{":action", "file_upload"}, {"protocol_version", "1"}, {"metadata_version", "2.1"},
            {"name", project}, {"version", "1.0"}, {"filetype", "bdist_wheel"}, {"pyversion", "py3"},
            {"sha256_digest", sha256(content)}};
        for (String[] field : fields) {
            body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + field[0] + "\"\r\n\r\n"
                    + field[1] + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"content\"; filename=\""
                + wheel.getFileName() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every line logged is a JSON object; the uploads' access lines name alice and no secret. */
    private static void checkLog(String stderr) throws IOException {
        ObjectMapper json = new ObjectMapper();
        int uploadLines = 0;
        for (String line : stderr.lines().filter(l -> !l.isBlank()).toList()) {
            JsonNode event = json.readTree(line);
            assertThat(event.isObject()).as(line).isTrue();
            assertThat(line).doesNotContain(PASSWORD, "Authorization");
            if ("/legacy/".equals(event.path("uri").asText())) {
                uploadLines++;
                assertThat(event.get("user").asText()).isEqualTo("alice");
                assertThat(event.get("request_id").asText()).isNotBlank();
            }
        }
        assertThat(uploadLines).as("an access line per upload that ended with an answer").isGreaterThanOrEqualTo(FINISHING);
    }

    /** A stored upload is on its Simple page and downloads byte for byte; another is not there. */
    private static void checkStored(ServedJar server, Upload upload, boolean stored) throws IOException {
        String filename = upload.wheel.getFileName().toString();
        Http.Response page = Http.get(server.uri("/simple/" + upload.project + "/"));
        if (!stored) {
            assertThat(page.status() == 404 || !page.text().contains(filename)).as(page.text()).isTrue();
            return;
        }
        assertThat(page.status()).isEqualTo(200);
        Matcher link = Pattern.compile("href=\"([^\"#]+)#sha256=[0-9a-f]+\"[^>]*>" + Pattern.quote(filename) + "<")
                .matcher(page.text());
        assertThat(link.find()).as(page.text()).isTrue();
        URI file = server.uri("/simple/" + upload.project + "/").resolve(link.group(1));
        Http.Response download = Http.get(file);
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(Files.readAllBytes(upload.wheel));
    }
}
