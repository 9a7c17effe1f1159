package dev.cheeseshop.testing;

import static org.assertj.core.api.Assertions.fail;

import dev.cheeseshop.store.blob.S3Location;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-compatible server for tests: s3proxy over a directory ({@code filesystem-nio2}), on a
 * free loopback port, as a process of its own. s3proxy 2.6.0 declares Jetty 11, which cannot share
 * a class path with the server's Jetty 12, so it is no dependency of the project:
 * {@code src/test/s3proxy/pom.xml} names it, and on first use Maven copies its jars into
 * {@code target/s3proxy/lib} (or the folder in {@code -Dcheeseshop.s3proxy.lib}). It listens on
 * port 0 and the port is read from its log, so no port is guessed and nothing waits blindly.
 */
public final class S3Proxy implements AutoCloseable {
    public static final String ACCESS_KEY = "cheeseshop-test";
    public static final String SECRET_KEY = "cheeseshop-test-secret";
    private static final Pattern STARTED = Pattern.compile("Started ServerConnector.*\\{127\\.0\\.0\\.1:(\\d+)\\}");
    private static final AtomicInteger BUCKETS = new AtomicInteger();

    private final Processes.Running process;
    private final URI endpoint;
    private final S3Client client;

    private S3Proxy(Processes.Running process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
        this.client = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).endpointOverride(endpoint)
                .region(Region.US_EAST_1).credentialsProvider(credentials()).forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED).build();
    }

    /** Starts s3proxy with its buckets under {@code dir}. */
    public static S3Proxy start(Path dir) throws IOException {
        Path buckets = Files.createDirectories(dir.resolve("buckets"));
        Path properties = Files.writeString(dir.resolve("s3proxy.properties"), String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:0",
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + ACCESS_KEY,
                "s3proxy.credential=" + SECRET_KEY,
                "jclouds.provider=filesystem-nio2",
                "jclouds.identity=" + ACCESS_KEY,
                "jclouds.credential=" + SECRET_KEY,
                "jclouds.filesystem.basedir=" + buckets.toAbsolutePath(),
                ""));
        Path logback = Files.writeString(dir.resolve("logback.xml"), """
                <configuration>
                  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%level %logger - %msg%n</pattern></encoder>
                  </appender>
                  <root level="INFO"><appender-ref ref="OUT"/></root>
                </configuration>
                """);
        Processes.Running process = Processes.command(Processes.java(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-Dlogback.configurationFile=" + logback.toAbsolutePath(), "-cp", lib() + "/*",
                "org.gaul.s3proxy.Main", "--properties", properties.toAbsolutePath().toString())
                .timeout(Duration.ofMinutes(1)).start();
        Matcher port = STARTED.matcher(process.awaitLine(line -> STARTED.matcher(line).find()));
        if (!port.find()) {
            process.close();
            fail("s3proxy's start line names no port");
        }
        return new S3Proxy(process, URI.create("http://127.0.0.1:" + port.group(1)));
    }

    public URI endpoint() {
        return endpoint;
    }

    public AwsCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
    }

    /** A client of the server, for tests to look into buckets behind the store's back. */
    public S3Client client() {
        return client;
    }

    /** Creates a new, empty bucket and answers its name. */
    public String createBucket() {
        String name = "bucket-" + BUCKETS.incrementAndGet();
        client.createBucket(b -> b.bucket(name));
        return name;
    }

    /** {@code s3://bucket/prefix} on this server, path-style. */
    public S3Location location(String bucket, String prefix) {
        return S3Location.parse("s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix))
                .withEndpoint(endpoint.toString()).withRegion("us-east-1").withPathStyle(true);
    }

    @Override
    public void close() {
        try {
            client.close();
        } finally {
            process.close();
        }
    }

    /** The folder of s3proxy's jars, copied there by Maven the first time. */
    private static Path lib() throws IOException {
        Path lib = Path.of(System.getProperty("cheeseshop.s3proxy.lib", "target/s3proxy/lib")).toAbsolutePath();
        if (Files.isDirectory(lib)) {
            return lib;
        }
        Path mvn = Processes.which("mvn").orElseThrow(() -> new IllegalStateException(
                "no s3proxy jars in " + lib + " and no mvn on the PATH to copy them there"));
        Path pom = Path.of("src/test/s3proxy/pom.xml").toAbsolutePath();
        Path temporary = lib.resolveSibling("lib-" + ProcessHandle.current().pid());
        Processes.Result copied = Processes.command(List.of(mvn.toString(), "-B", "-q", "-f", pom.toString(),
                "dependency:copy-dependencies", "-DoutputDirectory=" + temporary)).timeout(Duration.ofMinutes(5)).run();
        if (copied.exitCode() != 0) {
            fail("copying s3proxy's jars failed:\n" + copied.describe());
        }
        try {
            // Whole or not at all: another test JVM may be copying too.
            Files.move(temporary, lib, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            deleteTree(temporary);
        } catch (IOException e) {
            if (!Files.isDirectory(lib)) {
                throw e;
            }
            deleteTree(temporary);
        }
        return lib;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
