package dev.cheeseshop.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.dist.TestArchives;
import dev.cheeseshop.testing.Changelog;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.Postgres;
import dev.cheeseshop.testing.Processes;
import dev.cheeseshop.testing.RawUpload;
import dev.cheeseshop.testing.S3Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code serve} processes of the packaged jar on one PostgreSQL database and one s3proxy
 * bucket are one index: uploads go through both at once (one file through both at the same
 * moment), a mirror polling {@code changelog_since_serial} on each sees every entry exactly once,
 * in strictly increasing serials, exactly the final changelog, and both serve the same Simple pages.
 */
class MultiProcessIT {
    private static final String PASSWORD = "correct horse battery staple";
    private static final List<String> VERSIONS = List.of("1.0", "1.1", "1.2", "1.3");
    private static final int UPLOADERS = 2;
    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(60);

    @TempDir
    Path tmp;

    private S3Proxy s3;
    private String bucket;
    private Postgres.Database database;

    @BeforeEach
    void start() throws Exception {
        s3 = S3Proxy.start(Files.createDirectories(tmp.resolve("s3")));
        bucket = s3.createBucket();
        database = Postgres.newDatabase();
    }

    @AfterEach
    void stop() {
        s3.close();
    }

    private Processes.Command cheeseshop(String data, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data", tmp.resolve(data).toString(), "--database", database.url().toString(),
                "--blobs", "s3://" + bucket + "/pypi", "--s3-endpoint", s3.endpoint().toString()));
        Processes.Command command = Processes.cheeseshop(all.toArray(String[]::new)).withoutEnvPrefix("AWS_")
                .env("AWS_ACCESS_KEY_ID", S3Proxy.ACCESS_KEY).env("AWS_SECRET_ACCESS_KEY", S3Proxy.SECRET_KEY)
                .env("AWS_EC2_METADATA_DISABLED", "true");
        if (database.password() != null) {
            command.env("CHEESESHOP_DATABASE_PASSWORD", database.password());
        }
        return command;
    }

    @Test
    void twoServersAreOneIndex() throws Exception {
        Processes.Result added = cheeseshop("data-a", "user", "add", "alice", "--password-stdin")
                .stdin(PASSWORD + "\n").run();
        assertThat(added.exitCode()).as(added.describe()).isZero();
        try (ServedJar a = ServedJar.start(cheeseshop("data-a", "serve", "--port", "0"));
                ServedJar b = ServedJar.start(cheeseshop("data-b", "serve", "--port", "0"))) {
            List<URI> servers = List.of(a.url, b.url);
            int workers = UPLOADERS + 2;
            CyclicBarrier start = new CyclicBarrier(workers + servers.size());
            ExecutorService pool = Executors.newFixedThreadPool(workers + servers.size());
            AtomicBoolean working = new AtomicBoolean(true);
            List<List<List<?>>> seen = List.of(Collections.synchronizedList(new ArrayList<>()),
                    Collections.synchronizedList(new ArrayList<>()));
            List<String> filenames = Collections.synchronizedList(new ArrayList<>());
            try {
                List<Future<Void>> followers = new ArrayList<>();
                for (int i = 0; i < servers.size(); i++) {
                    URI server = servers.get(i);
                    List<List<?>> rows = seen.get(i);
                    followers.add(pool.submit(() -> follow(server, start, working, rows)));
                }
                List<Future<Void>> uploads = new ArrayList<>();
                for (int i = 0; i < UPLOADERS; i++) {
                    String project = "mp-" + i;
                    int first = i;
                    uploads.add(pool.submit(at(start, () -> uploadAlternately(servers, first, project, filenames))));
                }
                // The same file through both servers at the same moment (after the barrier): both 200.
                Path same = TestArchives.wheel("mp-same", "1.0").writeTo(Files.createDirectories(tmp.resolve("same")));
                filenames.add(same.getFileName().toString());
                for (URI server : servers) {
                    uploads.add(pool.submit(at(start, () -> upload(server, same, "mp-same", "1.0"))));
                }
                for (Future<Void> upload : uploads) {
                    upload.get(300, TimeUnit.SECONDS);
                }
                working.set(false);
                for (Future<Void> follower : followers) {
                    follower.get(300, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }

            List<List<?>> all = Changelog.since(a.url, 0);
            assertThat(Changelog.since(b.url, 0)).as("B's final changelog").isEqualTo(all);
            // Per project: create, add Owner, then a new release and its file per version.
            assertThat(all).hasSize(UPLOADERS * (2 + 2 * VERSIONS.size()) + 4);
            List<Long> serials = all.stream().map(row -> (Long) row.get(4)).toList();
            assertThat(serials).as("strictly increasing").isSorted().doesNotHaveDuplicates();
            for (int i = 0; i < servers.size(); i++) {
                assertThat(seen.get(i)).as("what the follower of server %d saw", i).isEqualTo(all);
            }
            assertThat(all.stream().map(row -> (String) row.get(3)).filter(action -> action.contains(" file ")))
                    .as("one entry per file").hasSize(filenames.size());
            for (String project : List.of("mp-0", "mp-1", "mp-same")) {
                long last = all.stream().filter(row -> row.get(0).equals(project)).mapToLong(row -> (Long) row.get(4))
                        .max().orElseThrow();
                byte[] page = pageAt(a.url, project, last);
                assertThat(pageAt(b.url, project, last)).as("%s on both", project).isEqualTo(page);
                assertThat(new String(page, StandardCharsets.UTF_8))
                        .contains(filenames.stream().filter(f -> f.startsWith(project.replace('-', '_') + "-")).toList());
            }
        }
    }

    private static Callable<Void> at(CyclicBarrier start, Callable<Void> work) {
        return () -> {
            start.await(60, TimeUnit.SECONDS);
            return work.call();
        };
    }

    /** Uploads each version's wheel, through the servers in turn starting at {@code first}. */
    private Void uploadAlternately(List<URI> servers, int first, String project, List<String> filenames)
            throws Exception {
        for (int v = 0; v < VERSIONS.size(); v++) {
            String version = VERSIONS.get(v);
            Path wheel = TestArchives.wheel(project, version)
                    .writeTo(Files.createDirectories(tmp.resolve(project + "-" + version)));
            filenames.add(wheel.getFileName().toString());
            upload(servers.get((first + v) % servers.size()), wheel, project, version);
        }
        return null;
    }

    private static Void upload(URI server, Path wheel, String project, String version) throws Exception {
        Http.Response response = RawUpload.wheel(server.toString(), "alice", PASSWORD, wheel, project, version);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return null;
    }

    /** Polls from the start until the uploads are done and nothing is new; each serial above the last. */
    private static Void follow(URI server, CyclicBarrier start, AtomicBoolean working, List<List<?>> seen)
            throws Exception {
        start.await(60, TimeUnit.SECONDS);
        long last = 0;
        while (true) {
            boolean finalPass = !working.get();
            List<List<?>> batch = Changelog.since(server, last);
            for (List<?> row : batch) {
                long serial = (Long) row.get(4);
                assertThat(serial).as("serial after %d", last).isGreaterThan(last);
                last = serial;
                seen.add(row);
            }
            if (batch.isEmpty() && finalPass) {
                return null;
            }
            Thread.yield();
        }
    }

    /**
     * The project's Simple page once the server serves it at {@code serial}: another process's
     * commit reaches a server's cache within milliseconds, so ask again until then (bounded).
     */
    private static byte[] pageAt(URI server, String project, long serial) {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (true) {
            Http.Response page = Http.get(server.resolve("/simple/" + project + "/"));
            assertThat(page.status()).as(page.text()).isEqualTo(200);
            if (page.header("X-PyPI-Last-Serial").equals(Long.toString(serial))) {
                return page.body();
            }
            assertThat(System.nanoTime() - deadline).as("%s at serial %d on %s", project, serial, server)
                    .isNegative();
            Thread.yield();
        }
    }
}
