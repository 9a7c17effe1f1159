package dev.cheeseshop.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cheeseshop.store.sql.SqlDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A migration interrupted after any commit (blobs or rows) and run again ends with the same target
 * as one never interrupted; a target that is not empty is refused with nothing written; an
 * interrupted migration is resumed only from its own source.
 */
class MigrationResumeTest {
    @TempDir
    static Path tmp;

    private static SourceIndex source;
    private static List<String> reference;
    private static List<String> referenceKeys;
    private static int commits;

    @BeforeAll
    static void buildSourceAndOneUninterruptedCopy() throws Exception {
        source = SourceIndex.build(tmp);
        AtomicInteger counted = new AtomicInteger();
        Path whole = tmp.resolve("whole");
        migrate(whole, new Migration.Listener() {
            @Override
            public void line(String line) {}

            @Override
            public void committed(String step, long done) {
                counted.incrementAndGet();
            }
        });
        commits = counted.get();
        reference = dump(whole);
        referenceKeys = MigrationTest.blobKeys(whole);
        try (Connection conn = MigrationTest.sqlite(source.data())) {
            assertThat(reference).isEqualTo(Dump.of(conn));
        }
    }

    @AfterAll
    static void stop() {
        if (source != null) { // null when the class was skipped (not the embedded default)
            source.close();
        }
    }

    @Test
    void aRunInterruptedAfterAnyCommitResumesToTheSameTarget() throws Exception {
        assertThat(commits).as("commits of blobs and pages of two rows").isGreaterThan(20);
        for (int stopAfter = 1; stopAfter < commits; stopAfter += 3) {
            Path target = tmp.resolve("interrupted-" + stopAfter);
            int limit = stopAfter;
            AtomicInteger seen = new AtomicInteger();
            assertThatThrownBy(() -> migrate(target, new Migration.Listener() {
                @Override
                public void line(String line) {}

                @Override
                public void committed(String step, long done) {
                    if (seen.incrementAndGet() == limit) {
                        throw new Killed();
                    }
                }
            })).isInstanceOf(Killed.class);
            try (Connection conn = MigrationTest.sqlite(target)) {
                assertThat(Dump.hasTable(conn, "cheeseshop_migration")).isTrue();
            }
            List<String> lines = new ArrayList<>();
            migrate(target, lines::add);
            assertThat(lines).as("after " + stopAfter).contains(
                    "resuming: the target holds an interrupted migration from this source");
            assertThat(dump(target)).as("after " + stopAfter).isEqualTo(reference);
            assertThat(MigrationTest.blobKeys(target)).isEqualTo(referenceKeys);
        }
    }

    @Test
    void aTargetThatIsNotEmptyIsRefusedWithNothingWritten() throws Exception {
        Path whole = tmp.resolve("whole");
        assertThatThrownBy(() -> migrate(whole, line -> {})).isInstanceOf(MigrationProblem.class)
                .hasMessage("the target database " + whole.resolve("cheeseshop.db").toAbsolutePath()
                        + " is not empty: migrate writes only into a new, empty index");
        assertThat(dump(whole)).isEqualTo(reference);

        Path onlyBlob = tmp.resolve("only-blob");
        MigrationTest.localBlobs(onlyBlob).put("ab/cd/ef/x.whl", new byte[] {1});
        assertThatThrownBy(() -> migrate(onlyBlob, line -> {})).isInstanceOf(MigrationProblem.class)
                .hasMessageContaining("are not empty: migrate writes only into a new, empty index");
        assertThat(dump(onlyBlob)).isEmpty();
        assertThat(MigrationTest.blobKeys(onlyBlob)).containsExactly("ab/cd/ef/x.whl");
        try (Connection conn = MigrationTest.sqlite(onlyBlob)) {
            assertThat(Dump.hasTable(conn, "cheeseshop_migration")).isFalse();
        }
    }

    @Test
    void anInterruptedMigrationIsResumedOnlyFromItsSource() throws Exception {
        Path target = tmp.resolve("other-source");
        assertThatThrownBy(() -> migrate(target, new Migration.Listener() {
            @Override
            public void line(String line) {}

            @Override
            public void committed(String step, long done) {
                throw new Killed();
            }
        })).isInstanceOf(Killed.class);
        Path otherData = tmp.resolve("whole");
        try (SqlDatabase from = SqlDatabase.sqlite(otherData.resolve("cheeseshop.db"), true);
                SqlDatabase to = SqlDatabase.sqlite(target.resolve("cheeseshop.db"), false)) {
            Migration migration = new Migration(new Migration.Side(from, MigrationTest.localBlobs(otherData),
                    "packages"), new Migration.Side(to, MigrationTest.localBlobs(target), "packages"),
                    Files.createDirectories(tmp.resolve("scratch")), 2, line -> {});
            assertThatThrownBy(migration::run).isInstanceOf(MigrationProblem.class)
                    .hasMessageStartingWith("the target holds an interrupted migration from "
                            + source.data().resolve("cheeseshop.db").toAbsolutePath());
        }
    }

    /** SQLite and files into {@code target}, two rows per transaction. */
    private static void migrate(Path target, Migration.Listener listener) throws Exception {
        try (SqlDatabase from = SqlDatabase.sqlite(source.data().resolve("cheeseshop.db"), true);
                SqlDatabase to = SqlDatabase.sqlite(target.resolve("cheeseshop.db"), false)) {
            new Migration(new Migration.Side(from, MigrationTest.localBlobs(source.data()), "packages"),
                    new Migration.Side(to, MigrationTest.localBlobs(target), "packages"),
                    Files.createDirectories(tmp.resolve("scratch")), 2, listener).run();
        }
    }

    private static List<String> dump(Path data) throws Exception {
        try (Connection conn = MigrationTest.sqlite(data)) {
            return Dump.of(conn);
        }
    }

    /** A kill, as the test seam throws it. */
    private static final class Killed extends RuntimeException {}
}
