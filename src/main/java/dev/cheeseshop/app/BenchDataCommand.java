package dev.cheeseshop.app;

import dev.cheeseshop.bench.BenchGenerator;
import dev.cheeseshop.bench.BenchSpec;
import dev.cheeseshop.progress.Progress;
import dev.cheeseshop.store.BulkLoad;
import dev.cheeseshop.store.StoreException;
import dev.cheeseshop.store.sql.PostgresBulkLoader;
import dev.cheeseshop.store.sql.PostgresUrl;
import dev.cheeseshop.store.sql.SqliteBulkLoader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bench-data}: a new data directory filled with a generated index, for benchmarks. */
@Command(name = "bench-data", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Generate a benchmark index into a new data directory: users, projects, releases, roles and "
                + "a journal, reproducible from the seed. No distribution files are written. Every user's "
                + "password is '" + BenchGenerator.PASSWORD + "'. With --database, the metadata goes into that "
                + "empty PostgreSQL database instead, with COPY.",
            "Then: cheeseshop serve --data DIR"})
final class BenchDataCommand implements Runnable {
    @Option(names = "--data", paramLabel = "DIR", required = true, defaultValue = "${env:CHEESESHOP_DATA}",
            description = "Data directory to create; must not exist or be empty (env CHEESESHOP_DATA).")
    Path data;

    @Option(names = "--projects", paramLabel = "N", required = true, defaultValue = "${env:CHEESESHOP_BENCH_PROJECTS}",
            description = "Number of projects, at least 1 (env CHEESESHOP_BENCH_PROJECTS).")
    String projects;

    @Option(names = "--journal", paramLabel = "M", required = true, defaultValue = "${env:CHEESESHOP_BENCH_JOURNAL}",
            description = "Number of journal entries, at least 2 x N and at most 2^31-1 (env CHEESESHOP_BENCH_JOURNAL).")
    String journal;

    @Mixin
    DatabaseOption database;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "${env:CHEESESHOP_BENCH_SEED:-1}",
            description = "Random seed: the same seed and sizes give the same rows (env CHEESESHOP_BENCH_SEED; "
                    + "default ${DEFAULT-VALUE}).")
    String seed;

    @Mixin
    ProgressOption progress;

    @Override
    public void run() {
        long projectCount = number("--projects", projects);
        if (projectCount > Integer.MAX_VALUE) {
            throw new CommandFailure("--projects must be at most " + Integer.MAX_VALUE + ", not " + projects);
        }
        BenchSpec spec;
        try {
            spec = new BenchSpec((int) projectCount, number("--journal", journal), number("--seed", seed));
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(e.getMessage());
        }
        Settings settings = new Settings(data, "127.0.0.1", 0, 0);
        PostgresUrl url = postgresUrl();
        prepare(settings);
        Progress shown = progress.open("bench-data", Clock.systemUTC());
        PrintStream err = System.err;
        long start = System.nanoTime();
        err.printf("bench-data: %,d projects, %,d journal entries, seed %d into %s%n", spec.projects(),
                spec.journal(), spec.seed(), url != null ? url : data.toAbsolutePath());
        try (BulkLoad loader = loader(settings, url)) {
            try (Progress.Stage journalStage = shown.start("journal", "entries", spec.journal(), Progress.UNKNOWN)) {
                long[] reported = {0};
                BenchGenerator.generate(spec, loader, serial -> {
                    journalStage.advance(serial - reported[0], 0);
                    reported[0] = serial;
                });
                journalStage.advance(spec.journal() - reported[0], 0);
            }
            err.printf("bench-data: rows written (%s); building indexes%n", elapsed(start));
            loader.finish(index -> err.printf("bench-data: %s (%s)%n", index, elapsed(start)));
        }
        err.printf("bench-data: done in %s%n", elapsed(start));
    }

    /** The {@code --database} given, or null for SQLite in the data directory. */
    private PostgresUrl postgresUrl() {
        if (database.database == null || database.database.isBlank()) {
            return null;
        }
        try {
            return PostgresUrl.parse(database.database.strip());
        } catch (IllegalArgumentException e) {
            throw new CommandFailure("invalid --database: " + e.getMessage());
        }
    }

    /** SQLite in the data directory, or, with {@code url}, an empty PostgreSQL database loaded with COPY. */
    private BulkLoad loader(Settings settings, PostgresUrl url) {
        if (url == null) {
            return SqliteBulkLoader.create(settings.database());
        }
        try {
            return PostgresBulkLoader.create(url, System.getenv(DatabaseOption.PASSWORD_VARIABLE));
        } catch (StoreException e) {
            throw new CommandFailure(e.getMessage());
        }
    }

    private void prepare(Settings settings) {
        if (Files.exists(data)) {
            if (!Files.isDirectory(data)) {
                throw new CommandFailure("--data " + data + " is not a directory");
            }
            try (Stream<Path> entries = Files.list(data)) {
                if (entries.findAny().isPresent()) {
                    throw new CommandFailure("--data " + data + " is not empty: bench-data fills a new directory");
                }
            } catch (IOException e) {
                throw new CommandFailure("cannot read --data " + data + ": " + e.getMessage());
            }
        }
        try {
            Files.createDirectories(settings.packages());
        } catch (IOException e) {
            throw new CommandFailure("cannot create " + settings.packages() + ": " + e.getMessage());
        }
    }

    /** A refused number is a one-line error (exit 1), like a refused size. */
    private static long number(String option, String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new CommandFailure(option + " must be a whole number, not '" + text + "'");
        }
    }

    private static String elapsed(long start) {
        return String.format("%.1f s", (System.nanoTime() - start) / 1e9);
    }
}
