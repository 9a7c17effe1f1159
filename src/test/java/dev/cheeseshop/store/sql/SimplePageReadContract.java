package dev.cheeseshop.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.index.DocumentCache;
import dev.cheeseshop.index.Rendered;
import dev.cheeseshop.index.SimpleIndex;
import dev.cheeseshop.index.SimplePages;
import dev.cheeseshop.index.SimplePages.Format;
import dev.cheeseshop.journal.JournalWatch;
import dev.cheeseshop.model.DistFile;
import dev.cheeseshop.model.Digests;
import dev.cheeseshop.model.PackageType;
import dev.cheeseshop.model.Project;
import dev.cheeseshop.model.ProjectName;
import dev.cheeseshop.model.ReleaseMetadata;
import dev.cheeseshop.model.Serial;
import dev.cheeseshop.store.MetadataStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A project page not in the render cache is one read transaction, and its statements are prepared
 * once per connection: asked for again, on the same connection, nothing is prepared. The same on
 * each dialect: {@link SqliteSimplePageReadTest} and {@link PostgresSimplePageReadTest}.
 */
abstract class SimplePageReadContract {
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");

    /** A store whose read pool has one connection, so that every read uses the same one. */
    abstract SqlMetadataStore openWithOneReadConnection();

    /** The statements a read transaction runs to begin and end. */
    abstract int transactionStatements();

    private SqlMetadataStore store;
    private final List<StatementCache> reads = new ArrayList<>();
    private final JournalWatch watch = new JournalWatch();

    /** The store, each read transaction noted with its connection's statement cache. */
    private final MetadataStore counted = new MetadataStore() {
        @Override
        public <T> T write(TransactionWork<T> work) {
            return watch.watching(store).write(work);
        }

        @Override
        public <T> T read(TransactionWork<T> work) {
            return store.read(tx -> {
                reads.add(((SqlTransaction) tx).statements());
                return work.run(tx);
            });
        }

        @Override
        public void close() {
            store.close();
        }
    };

    @BeforeEach
    void open() {
        store = openWithOneReadConnection();
        release("demo", "1.0", 'a');
        release("other", "2.0", 'b');
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aPageNotCachedIsOneReadTransactionAndPreparesNothingTheSecondTime() {
        SimplePages pages = new SimplePages(new SimpleIndex(counted), new DocumentCache(1), watch); // keeps nothing

        Rendered first = pages.project("demo", Format.JSON).orElseThrow();
        assertThat(reads).as("read transactions for one page").hasSize(1);
        StatementCache statements = reads.get(0);
        assertThat(statements).as("the read pool caches statements").isNotNull();
        StatementCache.Stats afterFirst = statements.stats();
        int perPage = transactionStatements() + 2;
        assertThat(afterFirst.idle()).as("the project, its files (and BEGIN, COMMIT)").isEqualTo(perPage);

        Rendered again = pages.project("demo", Format.JSON).orElseThrow();
        assertThat(reads).hasSize(2);
        assertThat(reads.get(1)).as("the same physical connection").isSameAs(statements);
        assertThat(statements.stats().prepares()).as("statements prepared again").isEqualTo(afterFirst.prepares());
        assertThat(statements.stats().hits()).isEqualTo(afterFirst.hits() + perPage);
        assertThat(again.body()).isEqualTo(first.body());

        pages.project("other", Format.HTML).orElseThrow();
        assertThat(reads).hasSize(3);
        assertThat(statements.stats().prepares()).as("another project, the same SQL").isEqualTo(afterFirst.prepares());

        assertThat(pages.project("missing", Format.HTML)).isEmpty();
        assertThat(reads).hasSize(4);
    }

    @Test
    void aCachedPageOfAnUnchangedProjectIsConfirmedInOneReadWithoutReadingItsFiles() {
        SimplePages pages = new SimplePages(new SimpleIndex(counted), new DocumentCache(1 << 20), watch);
        Rendered first = pages.project("demo", Format.JSON).orElseThrow();
        assertThat(pages.project("demo", Format.JSON)).contains(first);
        assertThat(reads).as("the second answer came from memory").hasSize(1);

        release("other", "3.0", 'c'); // a commit elsewhere: the generation moves on
        long preparesBefore = reads.get(0).stats().prepares();
        long hitsBefore = reads.get(0).stats().hits();
        assertThat(pages.project("demo", Format.JSON)).contains(first);
        assertThat(reads).hasSize(2);
        assertThat(reads.get(0).stats().hits()).as("the project (and BEGIN, COMMIT)")
                .isEqualTo(hitsBefore + transactionStatements() + 1);
        assertThat(reads.get(0).stats().prepares()).isEqualTo(preparesBefore);

        release("demo", "2.0", 'd');
        Rendered changed = pages.project("demo", Format.JSON).orElseThrow();
        assertThat(reads).hasSize(3);
        assertThat(changed.serial()).isNotEqualTo(first.serial());
        assertThat(new String(changed.body(), StandardCharsets.UTF_8)).contains("demo-2.0.tar.gz");
    }

    private void release(String name, String version, char fill) {
        counted.write(tx -> {
            Project project = tx.projects().find(name)
                    .orElseGet(() -> tx.projects().insert(ProjectName.of(name), T0));
            long release = tx.releases().insert(project.id(), version, version, ReleaseMetadata.EMPTY, T0).id();
            String filename = name + "-" + version + ".tar.gz";
            Digests digests = new Digests(String.valueOf(fill).repeat(32), String.valueOf(fill).repeat(64),
                    String.valueOf(fill).repeat(64));
            tx.files().insert(new DistFile(0, release, filename, PackageType.sdist, "source", 1, digests, null, T0,
                    digests.storagePath(filename), null, "test/1.0"));
            Serial serial = tx.journal().append(name, version, "add source file " + filename, T0, "alice");
            tx.projects().setLastSerial(project.id(), serial);
            return null;
        });
    }
}
