package dev.cheeseshop.downloads;

import dev.cheeseshop.model.Digests;
import dev.cheeseshop.model.DistFile;
import dev.cheeseshop.model.PackageType;
import dev.cheeseshop.model.Project;
import dev.cheeseshop.model.ProjectName;
import dev.cheeseshop.model.ReleaseMetadata;
import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.store.sql.SqliteStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Not a test: what one counted download costs on the hot path, {@link DownloadCounter#record},
 * called by THREADS threads at once over FILES files for SECONDS seconds while a flusher writes to a
 * real SQLite store every second, in nanoseconds per call (wall time, all threads busy). Run by
 * {@code bench/download-counts.sh}; figures go to docs/benchmarks.md.
 *
 * <pre>java -cp ... dev.cheeseshop.downloads.DownloadCounterBench [THREADS] [FILES] [SECONDS]</pre>
 */
public final class DownloadCounterBench {
    private DownloadCounterBench() {}

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int fileCount = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Path dir = Files.createTempDirectory("counter-bench-");
        try (MetadataStore store = SqliteStores.open(dir.resolve("cheeseshop.db"), 2)) {
            long[] files = files(store, fileCount);
            DownloadCounter counter = new DownloadCounter(store, Clock.systemUTC());
            for (int round = 0; round < 3; round++) { // the first two warm up
                AtomicBoolean running = new AtomicBoolean(true);
                Thread flusher = new Thread(() -> {
                    while (running.get()) {
                        counter.flush();
                        try {
                            Thread.sleep(1000);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
                flusher.start();
                long[] calls = new long[threads];
                List<Thread> workers = new ArrayList<>();
                long deadline = System.nanoTime() + seconds * 1_000_000_000L;
                long start = System.nanoTime();
                for (int t = 0; t < threads; t++) {
                    int me = t;
                    Thread worker = new Thread(() -> {
                        long n = 0;
                        int i = me;
                        while ((n & 1023) != 0 || System.nanoTime() < deadline) {
                            counter.record(files[i]);
                            i = i + 1 == files.length ? 0 : i + 1;
                            n++;
                        }
                        calls[me] = n;
                    });
                    workers.add(worker);
                    worker.start();
                }
                for (Thread worker : workers) {
                    worker.join();
                }
                long elapsed = System.nanoTime() - start;
                running.set(false);
                flusher.interrupt();
                flusher.join();
                counter.flush();
                long total = 0;
                for (long n : calls) {
                    total += n;
                }
                System.out.printf("round %d: %d threads, %d files: %,d calls in %.1f s, %.1f ns per call per thread%n",
                        round + 1, threads, fileCount, total, elapsed / 1e9, (double) elapsed * threads / total);
            }
        } finally {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static long[] files(MetadataStore store, int count) {
        Instant now = Instant.now();
        return store.write(tx -> {
            Project p = tx.projects().insert(ProjectName.of("bench"), now);
            long release = tx.releases().insert(p.id(), "1.0", "1", ReleaseMetadata.EMPTY, now).id();
            long[] ids = new long[count];
            for (int i = 0; i < count; i++) {
                String hex = String.format("%064x", i);
                String name = "bench-1.0-" + i + ".tar.gz";
                Digests digests = new Digests(hex.substring(32), hex, hex);
                ids[i] = tx.files().insert(new DistFile(0, release, name, PackageType.sdist, "source", 1, digests, null,
                        now, digests.storagePath(name), null, "bench")).id();
            }
            return ids;
        });
    }
}
