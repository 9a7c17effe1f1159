package dev.cheeseshop.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cheeseshop.model.DistFile;
import dev.cheeseshop.model.Digests;
import dev.cheeseshop.model.JournalEntry;
import dev.cheeseshop.model.MetadataDigests;
import dev.cheeseshop.model.PackageType;
import dev.cheeseshop.model.Project;
import dev.cheeseshop.model.ProjectName;
import dev.cheeseshop.model.Release;
import dev.cheeseshop.model.ReleaseMetadata;
import dev.cheeseshop.model.RoleName;
import dev.cheeseshop.model.Serial;
import dev.cheeseshop.model.User;
import dev.cheeseshop.store.ProjectStore.ProjectListing;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MetadataStore} implementation must do. Each backend's test class extends this
 * and supplies a fresh, empty store.
 */
public abstract class MetadataStoreContract {
    protected static final Instant T0 = Instant.parse("2026-01-02T03:04:05.123456Z");

    protected MetadataStore store;

    protected abstract MetadataStore newStore() throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = newStore();
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void projectsAreFoundByNormalizedNameAndKeepTheirDisplayName() {
        store.write(tx -> tx.projects().insert(ProjectName.of("Foo.Bar_baz"), T0));
        Project found = store.read((Transaction tx) -> tx.projects().find("foo-bar-baz")).orElseThrow();
        assertThat(found.displayName()).isEqualTo("Foo.Bar_baz");
        assertThat(found.created()).isEqualTo(T0);
        assertThat(found.lastSerial()).isEqualTo(Serial.NONE);
        assertThat(store.read((Transaction tx) -> tx.projects().find("Foo.Bar_baz"))).isEmpty();
    }

    @Test
    void aSecondProjectWithTheSameNormalizedNameIsAUniqueViolation() {
        store.write(tx -> tx.projects().insert(ProjectName.of("demo-pkg"), T0));
        assertThatThrownBy(() -> store.write(tx -> tx.projects().insert(ProjectName.of("Demo_Pkg"), T0)))
                .isInstanceOf(UniqueViolation.class);
    }

    @Test
    void aFailedTransactionLeavesNothingBehind() {
        assertThatThrownBy(() -> store.write(tx -> {
            Project p = tx.projects().insert(ProjectName.of("doomed"), T0);
            tx.journal().append("doomed", null, "create", T0, "alice");
            tx.projects().setLastSerial(p.id(), Serial.of(1));
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(store.read((Transaction tx) -> tx.projects().find("doomed"))).isEmpty();
        assertThat(store.read((Transaction tx) -> tx.journal().last())).isEmpty();
    }

    @Test
    void renameChangesOnlyTheSpelling() {
        long id = store.write(tx -> tx.projects().insert(ProjectName.of("foo-bar"), T0)).id();
        store.write(tx -> {
            tx.projects().rename(id, ProjectName.of("Foo.Bar"));
            return null;
        });
        assertThat(store.read((Transaction tx) -> tx.projects().find("foo-bar")).orElseThrow().displayName()).isEqualTo("Foo.Bar");
    }

    @Test
    void theListingIsInNormalizedOrderWithSerials() {
        store.write(tx -> {
            Project b = tx.projects().insert(ProjectName.of("Beta"), T0);
            tx.projects().insert(ProjectName.of("alpha"), T0);
            tx.projects().setLastSerial(b.id(), Serial.of(7));
            return null;
        });
        List<ProjectListing> rows = new ArrayList<>();
        store.read((Transaction tx) -> {
            tx.projects().forEach(rows::add);
            return null;
        });
        assertThat(rows).containsExactly(new ProjectListing("alpha", "alpha", Serial.NONE),
                new ProjectListing("Beta", "beta", Serial.of(7)));
        List<String> serials = new ArrayList<>();
        store.read((Transaction tx) -> {
            tx.projects().forEachLastSerial((name, lastSerial) -> serials.add(name + " " + lastSerial));
            return null;
        });
        assertThat(serials).containsExactly("alpha 0", "Beta 7");
    }

    @Test
    void journalSerialsAscendAndPageFromAGivenSerial() {
        store.write(tx -> {
            for (int i = 0; i < 5; i++) {
                tx.journal().append("p" + i, i % 2 == 0 ? null : "1." + i, "act " + i, T0, "alice");
            }
            return null;
        });
        assertThat(store.read((Transaction tx) -> tx.journal().last())).contains(Serial.of(5));
        List<JournalEntry> page = new ArrayList<>();
        store.read((Transaction tx) -> {
            tx.journal().since(Serial.of(1), 3, page::add);
            return null;
        });
        assertThat(page).extracting(e -> e.serial().value()).containsExactly(2L, 3L, 4L);
        assertThat(page.get(0)).isEqualTo(new JournalEntry(Serial.of(2), "p1", "1.1", "act 1", T0, "alice"));
        assertThat(page.get(1).version()).isNull();
    }

    @Test
    void aProjectsNewestEntriesComeNewestFirstWhateverTheSpellingOfItsNameAtTheTime() {
        store.write(tx -> {
            tx.journal().append("Demo_Pkg", null, "create", T0, "alice");
            tx.journal().append("other", null, "create", T0, "alice");
            tx.journal().append("demo.pkg", "1.0", "new release", T0, "alice");
            tx.journal().append("demo-pkg", "1.0", "add py3 file demo_pkg-1.0-py3-none-any.whl", T0, "bob");
            tx.journal().append("demo--pkg", null, "create", T0, "mallory"); // another project: a run of separators
            return null;
        });
        List<JournalEntry> newest = new ArrayList<>();
        store.read((Transaction tx) -> {
            tx.journal().newestForProject("demo-pkg", 2, newest::add);
            return null;
        });
        assertThat(newest).extracting(e -> e.serial().value() + " " + e.name() + " " + e.action())
                .containsExactly("4 demo-pkg add py3 file demo_pkg-1.0-py3-none-any.whl", "3 demo.pkg new release");
        List<JournalEntry> all = new ArrayList<>();
        store.read((Transaction tx) -> {
            tx.journal().newestForProject("demo-pkg", 10, all::add);
            return null;
        });
        assertThat(all).extracting(e -> e.serial().value()).containsExactly(4L, 3L, 1L);
    }

    @Test
    void anEmptyJournalHasNoLastSerial() {
        assertThat(store.read((Transaction tx) -> tx.journal().last())).isEmpty();
    }

    @Test
    void releasesAreFoundByCanonicalVersionAndKeepTheirMetadata() {
        ReleaseMetadata metadata = new ReleaseMetadata(Map.of("summary", List.of("Hi"),
                "classifiers", List.of("A :: B", "C :: D"), "requires_python", List.of(">=3.8")));
        long projectId = store.write(tx -> tx.projects().insert(ProjectName.of("demo"), T0)).id();
        store.write(tx -> tx.releases().insert(projectId, "1.0", "1", metadata, T0));
        Release release = store.read((Transaction tx) -> tx.releases().find(projectId, "1")).orElseThrow();
        assertThat(release.version()).isEqualTo("1.0");
        assertThat(release.metadata()).isEqualTo(metadata);
        assertThat(release.requiresPython()).contains(">=3.8");
        assertThat(release.yanked()).isFalse();
        assertThatThrownBy(() -> store.write(tx -> tx.releases().insert(projectId, "1.0.0", "1", metadata, T0)))
                .isInstanceOf(UniqueViolation.class);
    }

    @Test
    void theNewestReleasesComeNewestFirstWithTheirProjectsTheLaterInsertedFirstOnATie() {
        store.write(tx -> {
            Project a = tx.projects().insert(ProjectName.of("Alpha"), T0);
            Project b = tx.projects().insert(ProjectName.of("beta"), T0.plusSeconds(1));
            tx.releases().insert(a.id(), "1.0", "1", ReleaseMetadata.EMPTY, T0);
            tx.releases().insert(b.id(), "2.0", "2", ReleaseMetadata.EMPTY, T0.plusSeconds(5));
            tx.releases().insert(a.id(), "1.1", "1.1", ReleaseMetadata.EMPTY, T0.plusSeconds(5));
            tx.releases().insert(a.id(), "0.1", "0.1", ReleaseMetadata.EMPTY, T0.plusSeconds(3));
            return null;
        });
        List<ReleaseStore.ProjectRelease> newest = store.read((Transaction tx) -> tx.releases().newest(3));
        assertThat(newest).extracting(pr -> pr.project().displayName() + " " + pr.release().version())
                .containsExactly("Alpha 1.1", "beta 2.0", "Alpha 0.1");
        assertThat(newest.get(1).project().created()).isEqualTo(T0.plusSeconds(1));
        long alpha = newest.get(0).project().id();
        assertThat(store.read((Transaction tx) -> tx.releases().newestOf(alpha, 10)))
                .extracting(Release::version).containsExactly("1.1", "0.1", "1.0");
        assertThat(store.read((Transaction tx) -> tx.releases().newestOf(alpha, 2))).hasSize(2);
    }

    @Test
    void theNewestProjectsAreThoseWithAReleaseNewestFirst() {
        store.write(tx -> {
            Project old = tx.projects().insert(ProjectName.of("old"), T0);
            tx.projects().insert(ProjectName.of("bare"), T0.plusSeconds(9));
            Project tied = tx.projects().insert(ProjectName.of("tied"), T0.plusSeconds(5));
            Project later = tx.projects().insert(ProjectName.of("later"), T0.plusSeconds(5));
            for (Project p : List.of(old, tied, later)) {
                tx.releases().insert(p.id(), "1.0", "1", ReleaseMetadata.EMPTY, T0.plusSeconds(10));
            }
            return null;
        });
        assertThat(store.read((Transaction tx) -> tx.projects().newest(10)))
                .extracting(Project::displayName).containsExactly("later", "tied", "old");
        assertThat(store.read((Transaction tx) -> tx.projects().newest(1)))
                .extracting(Project::displayName).containsExactly("later");
    }

    @Test
    void aReleaseIsYankedWithItsReasonAndUnyankedWithout() {
        long projectId = store.write(tx -> tx.projects().insert(ProjectName.of("demo"), T0)).id();
        long releaseId = store.write(tx -> tx.releases().insert(projectId, "1.0", "1", ReleaseMetadata.EMPTY, T0)).id();
        store.write(tx -> {
            tx.releases().setYanked(releaseId, true, "broken build");
            return null;
        });
        Release yanked = store.read((Transaction tx) -> tx.releases().find(projectId, "1")).orElseThrow();
        assertThat(yanked.yanked()).isTrue();
        assertThat(yanked.yankedReason()).isEqualTo("broken build");
        store.write(tx -> {
            tx.releases().setYanked(releaseId, false, "ignored");
            return null;
        });
        Release back = store.read((Transaction tx) -> tx.releases().find(projectId, "1")).orElseThrow();
        assertThat(back.yanked()).isFalse();
        assertThat(back.yankedReason()).isNull();
    }

    @Test
    void aSimplePageListsEachFileWithWhatItShowsOfItsRelease() {
        long[] ids = store.write(tx -> {
            long project = tx.projects().insert(ProjectName.of("listed"), T0).id();
            long other = tx.projects().insert(ProjectName.of("other"), T0).id();
            ReleaseMetadata py39 = new ReleaseMetadata(Map.of("requires_python", List.of(">=3.9")));
            long plain = tx.releases().insert(project, "1.0", "1", ReleaseMetadata.EMPTY, T0).id();
            long yanked = tx.releases().insert(project, "2.0b1", "2b1", py39, T0).id();
            tx.releases().insert(project, "3.0", "3", py39, T0); // no files: not on the page
            long elsewhere = tx.releases().insert(other, "1.0", "1", ReleaseMetadata.EMPTY, T0).id();
            tx.releases().setYanked(yanked, true, "broken");
            return new long[] {project, plain, yanked, elsewhere};
        });
        store.write(tx -> {
            tx.files().insert(file(ids[1], "listed-1.0.tar.gz", 'a', null));
            tx.files().insert(file(ids[1], "listed-1.0-py3-none-any.whl", 'b', null));
            tx.files().insert(file(ids[2], "listed-2.0b1.tar.gz", 'c', null));
            tx.files().insert(file(ids[3], "other-1.0.tar.gz", 'd', null));
            return null;
        });
        assertThat(store.read((Transaction tx) -> tx.files().listed(ids[0])).stream()
                .map(f -> f.file().filename() + " " + f.file().releaseId() + " " + f.version() + " "
                        + f.requiresPython() + " " + f.yanked() + " " + f.yankedReason())
                .sorted())
                .containsExactly("listed-1.0-py3-none-any.whl " + ids[1] + " 1.0 null false null",
                        "listed-1.0.tar.gz " + ids[1] + " 1.0 null false null",
                        "listed-2.0b1.tar.gz " + ids[2] + " 2.0b1 >=3.9 true broken");
    }

    @Test
    void whatIsInQuarantineIsKeptButLeftOutOfTheIndexTheFeedsAndTheDownloads() {
        long[] ids = store.write(tx -> {
            Project shown = tx.projects().insert(ProjectName.of("shown"), T0);
            Project hidden = tx.projects().insert(ProjectName.of("hidden"), T0.plusSeconds(1));
            long shownOld = tx.releases().insert(shown.id(), "1.0", "1", ReleaseMetadata.EMPTY, T0).id();
            long shownNew = tx.releases().insert(shown.id(), "2.0", "2", ReleaseMetadata.EMPTY, T0.plusSeconds(2)).id();
            long hiddenRelease = tx.releases().insert(hidden.id(), "1.0", "1", ReleaseMetadata.EMPTY, T0.plusSeconds(3)).id();
            return new long[] {shown.id(), hidden.id(), shownOld, shownNew, hiddenRelease};
        });
        DistFile old = file(ids[2], "shown-1.0.tar.gz", 'a', null);
        DistFile fresh = file(ids[3], "shown-2.0.tar.gz", 'b', null);
        DistFile other = file(ids[4], "hidden-1.0.tar.gz", 'c', null);
        store.write(tx -> {
            tx.files().insert(old);
            tx.files().insert(fresh);
            tx.files().insert(other);
            tx.projects().setQuarantined(ids[1], T0);
            tx.releases().setQuarantined(ids[3], T0);
            return null;
        });

        assertThat(store.read((Transaction tx) -> tx.projects().find("hidden")).orElseThrow().quarantined()).isTrue();
        assertThat(store.read((Transaction tx) -> tx.projects().find("shown")).orElseThrow().quarantined()).isFalse();
        assertThat(store.read((Transaction tx) -> tx.releases().forProject(ids[0])).stream()
                .map(r -> r.version() + (r.quarantined() ? " quarantined" : ""))).containsExactly("1.0", "2.0 quarantined");
        List<String> listed = new ArrayList<>();
        store.read((Transaction tx) -> {
            tx.projects().forEach(p -> listed.add(p.normalizedName()));
            return null;
        });
        assertThat(listed).containsExactly("shown");
        List<String> withSerials = new ArrayList<>();
        store.read((Transaction tx) -> {
            tx.projects().forEachLastSerial((name, serial) -> withSerials.add(name));
            return null;
        });
        assertThat(withSerials).as("list_packages_with_serial lists them all").containsExactly("hidden", "shown");
        assertThat(store.read((Transaction tx) -> tx.projects().newest(10)).stream().map(Project::normalizedName))
                .containsExactly("shown");
        assertThat(store.read((Transaction tx) -> tx.releases().newest(10)).stream()
                .map(r -> r.project().normalizedName() + " " + r.release().version())).containsExactly("shown 1.0");
        assertThat(store.read((Transaction tx) -> tx.releases().newestOf(ids[0], 10)).stream().map(Release::version))
                .containsExactly("1.0");
        assertThat(store.read((Transaction tx) -> tx.files().findServable(old.path()))).isPresent();
        assertThat(store.read((Transaction tx) -> tx.files().findServable(fresh.path()))).isEmpty();
        assertThat(store.read((Transaction tx) -> tx.files().findServable(other.path()))).isEmpty();
        assertThat(store.read((Transaction tx) -> tx.files().findByPath(other.path()))).isPresent();
        assertThat(store.read((Transaction tx) -> tx.files().listed(ids[0])).stream().map(f -> f.file().filename()))
                .as("a Simple page lists no file of a release in quarantine").containsExactly("shown-1.0.tar.gz");

        store.write(tx -> {
            tx.projects().setQuarantined(ids[1], null);
            tx.releases().setQuarantined(ids[3], null);
            return null;
        });
        assertThat(store.read((Transaction tx) -> tx.files().findServable(fresh.path()))).isPresent();
        assertThat(store.read((Transaction tx) -> tx.files().findServable(other.path()))).isPresent();
        assertThat(store.read((Transaction tx) -> tx.projects().newest(10)).stream().map(Project::normalizedName))
                .containsExactly("hidden", "shown");
    }

    @Test
    void filesAreUniqueByNameAndContentAndTheirNamesAreRemembered() {
        long releaseId = store.write(tx -> {
            Project p = tx.projects().insert(ProjectName.of("demo"), T0);
            return tx.releases().insert(p.id(), "1.0", "1", ReleaseMetadata.EMPTY, T0).id();
        });
        DistFile wheel = file(releaseId, "demo-1.0-py3-none-any.whl", 'a', new MetadataDigests("1".repeat(64), "2".repeat(64)));
        store.write(tx -> tx.files().insert(wheel));
        DistFile stored = store.read((Transaction tx) -> tx.files().findByFilename(wheel.filename())).orElseThrow();
        assertThat(stored.digests()).isEqualTo(wheel.digests());
        assertThat(stored.metadata()).contains(wheel.metadataDigests());
        assertThat(stored.uploadTime()).isEqualTo(T0);
        assertThat(store.read((Transaction tx) -> tx.files().findByBlake2(wheel.digests().blake2b256()))).contains(stored);
        assertThat(store.read((Transaction tx) -> tx.files().findByPath(wheel.path()))).contains(stored);
        assertThat(store.read((Transaction tx) -> tx.files().everUsed(wheel.filename()))).isTrue();
        assertThat(store.read((Transaction tx) -> tx.files().everUsed("other.whl"))).isFalse();
        assertThatThrownBy(() -> store.write(tx -> tx.files().insert(file(releaseId, wheel.filename(), 'b', null))))
                .isInstanceOf(UniqueViolation.class);
        assertThatThrownBy(() -> store.write(tx -> tx.files().insert(file(releaseId, "demo-1.0.tar.gz", 'a', null))))
                .isInstanceOf(UniqueViolation.class);
        assertThat(store.read((Transaction tx) -> tx.files().forRelease(releaseId))).containsExactly(stored);
    }

    @Test
    void projectsReleasesAndFilesAreCounted() {
        assertThat(counts()).containsExactly(0L, 0L, 0L);
        store.write(tx -> {
            Project demo = tx.projects().insert(ProjectName.of("demo"), T0);
            Project other = tx.projects().insert(ProjectName.of("other"), T0);
            tx.projects().insert(ProjectName.of("empty"), T0);
            long first = tx.releases().insert(demo.id(), "1.0", "1", ReleaseMetadata.EMPTY, T0).id();
            tx.releases().insert(demo.id(), "2.0", "2", ReleaseMetadata.EMPTY, T0);
            tx.releases().insert(other.id(), "0.1", "0.1", ReleaseMetadata.EMPTY, T0);
            tx.files().insert(file(first, "demo-1.0.tar.gz", 'a', null));
            tx.files().insert(file(first, "demo-1.0-py3-none-any.whl", 'b', null));
            return null;
        });
        assertThat(counts()).containsExactly(3L, 3L, 2L);
    }

    private List<Long> counts() {
        return store.read((Transaction tx) -> List.of(tx.projects().count(), tx.releases().count(), tx.files().count()));
    }

    @Test
    void usersAreFoundInAnyCaseAndUniqueInAnyCase() {
        store.write(tx -> tx.users().insert("Alice", "a@example.org", "$hash", false, T0));
        User alice = store.read((Transaction tx) -> tx.users().find("aLiCe")).orElseThrow();
        assertThat(alice.username()).isEqualTo("Alice");
        assertThat(alice.passwordHash()).isEqualTo("$hash");
        assertThatThrownBy(() -> store.write(tx -> tx.users().insert("ALICE", null, "$x", false, T0)))
                .isInstanceOf(UniqueViolation.class);
    }

    @Test
    void rolesListOwnersFirstThenByName() {
        store.write(tx -> {
            Project p = tx.projects().insert(ProjectName.of("demo"), T0);
            Project q = tx.projects().insert(ProjectName.of("another"), T0);
            User zed = tx.users().insert("zed", null, "$", false, T0);
            User amy = tx.users().insert("Amy", null, "$", false, T0);
            User bob = tx.users().insert("bob", null, "$", false, T0);
            tx.roles().insert(p.id(), amy.id(), RoleName.Maintainer);
            tx.roles().insert(p.id(), zed.id(), RoleName.Owner);
            tx.roles().insert(p.id(), bob.id(), RoleName.Owner);
            tx.roles().insert(q.id(), amy.id(), RoleName.Owner);
            return null;
        });
        long demo = store.read((Transaction tx) -> tx.projects().find("demo")).orElseThrow().id();
        assertThat(store.read((Transaction tx) -> tx.roles().forProject(demo))).extracting(g -> g.role() + " " + g.username())
                .containsExactly("Owner bob", "Owner zed", "Maintainer Amy");
        long amy = store.read((Transaction tx) -> tx.users().find("amy")).orElseThrow().id();
        assertThat(store.read((Transaction tx) -> tx.roles().forUser(amy))).extracting(g -> g.role() + " " + g.projectName())
                .containsExactly("Owner another", "Maintainer demo");
        assertThat(store.read((Transaction tx) -> tx.roles().find(demo, amy))).contains(RoleName.Maintainer);
    }

    @Test
    void browseFindsReleasesWithAllTheClassifiersByNameThenVersion() {
        store.write(tx -> {
            Project demo = tx.projects().insert(ProjectName.of("Demo"), T0);
            Project abc = tx.projects().insert(ProjectName.of("abc"), T0);
            tx.releases().insert(demo.id(), "1.9", "1.9", classifiers("A :: B", "C :: D"), T0);
            tx.releases().insert(demo.id(), "1.10", "1.10", classifiers("C :: D", "A :: B", "E :: F"), T0);
            tx.releases().insert(demo.id(), "2.0", "2", classifiers("A :: B"), T0);
            tx.releases().insert(abc.id(), "0.1", "0.1", classifiers("A :: B", "C :: D", "C :: D"), T0);
            return null;
        });
        assertThat(browse("A :: B", "C :: D")).containsExactly("Demo 1.10", "Demo 1.9", "abc 0.1");
        assertThat(browse("E :: F")).containsExactly("Demo 1.10");
        assertThat(browse("A :: B")).hasSize(4);
        assertThat(browse()).isEmpty();
        assertThat(browse("A :: B", "X :: Y")).isEmpty();
        assertThat(browse("C :: D", "C :: D")).as("a duplicate can never be matched twice").isEmpty();
    }

    @Test
    void aDeletedFileIsGoneButItsNameStaysUsedAndItsReleaseStays() {
        long releaseId = store.write(tx -> {
            Project p = tx.projects().insert(ProjectName.of("demo"), T0);
            return tx.releases().insert(p.id(), "1.0", "1", ReleaseMetadata.EMPTY, T0).id();
        });
        DistFile sdist = store.write(tx -> tx.files().insert(file(releaseId, "demo-1.0.tar.gz", 'a', null)));
        DistFile wheel = store.write(tx -> tx.files().insert(file(releaseId, "demo-1.0-py3-none-any.whl", 'b', null)));
        store.write(tx -> {
            tx.files().delete(sdist.id());
            return null;
        });
        assertThat(store.read((Transaction tx) -> tx.files().findByFilename(sdist.filename()))).isEmpty();
        assertThat(store.read((Transaction tx) -> tx.files().findByPath(sdist.path()))).isEmpty();
        assertThat(store.read((Transaction tx) -> tx.files().everUsed(sdist.filename()))).isTrue();
        assertThat(store.read((Transaction tx) -> tx.files().forRelease(releaseId))).containsExactly(wheel);
        assertThatThrownBy(() -> store.write(tx -> tx.files().insert(file(releaseId, "demo-1.0.tar.gz", 'c', null))))
                .as("the registry keeps the name").isInstanceOf(UniqueViolation.class);
        assertThat(counts()).containsExactly(1L, 1L, 1L);
    }

    @Test
    void filesArePagedInIdOrderAfterAGivenIdSkippingDeletedOnes() {
        List<DistFile> files = store.write(tx -> {
            Project p = tx.projects().insert(ProjectName.of("demo"), T0);
            long one = tx.releases().insert(p.id(), "1.0", "1", ReleaseMetadata.EMPTY, T0).id();
            long two = tx.releases().insert(p.id(), "2.0", "2", ReleaseMetadata.EMPTY, T0).id();
            List<DistFile> inserted = new ArrayList<>();
            inserted.add(tx.files().insert(file(two, "demo-2.0.tar.gz", 'a', null)));
            inserted.add(tx.files().insert(file(one, "demo-1.0.tar.gz", 'b', null)));
            inserted.add(tx.files().insert(file(two, "demo-2.0-py3-none-any.whl", 'c',
                    new MetadataDigests("d".repeat(64), "e".repeat(64)))));
            inserted.add(tx.files().insert(file(one, "demo-1.0-py3-none-any.whl", 'f', null)));
            return inserted;
        });
        store.write(tx -> {
            tx.files().delete(files.get(1).id());
            return null;
        });

        List<DistFile> first = store.read((Transaction tx) -> tx.files().page(0, 2));
        assertThat(first).containsExactly(files.get(0), files.get(2));
        assertThat(first.get(1).metadata()).contains(new MetadataDigests("d".repeat(64), "e".repeat(64)));
        assertThat(store.read((Transaction tx) -> tx.files().page(first.get(1).id(), 2))).containsExactly(files.get(3));
        assertThat(store.read((Transaction tx) -> tx.files().page(files.get(3).id(), 2))).isEmpty();
        assertThat(store.read((Transaction tx) -> tx.files().page(files.get(0).id(), 1))).containsExactly(files.get(2));
        assertThatThrownBy(() -> store.read((Transaction tx) -> tx.files().page(0, 0)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDeletedReleaseTakesItsFilesAndClassifiersAndLeavesTheOthers() {
        long[] ids = store.write(tx -> {
            Project p = tx.projects().insert(ProjectName.of("demo"), T0);
            long one = tx.releases().insert(p.id(), "1.0", "1", classifiers("A :: B"), T0).id();
            long two = tx.releases().insert(p.id(), "2.0", "2", classifiers("A :: B"), T0).id();
            tx.files().insert(file(one, "demo-1.0.tar.gz", 'a', null));
            tx.files().insert(file(two, "demo-2.0.tar.gz", 'b', null));
            return new long[] {p.id(), one};
        });
        store.write(tx -> {
            tx.releases().delete(ids[1]);
            return null;
        });
        assertThat(store.read((Transaction tx) -> tx.releases().forProject(ids[0]))).extracting(Release::version)
                .containsExactly("2.0");
        assertThat(store.read((Transaction tx) -> tx.files().forProject(ids[0]))).extracting(DistFile::filename)
                .containsExactly("demo-2.0.tar.gz");
        assertThat(browse("A :: B")).containsExactly("demo 2.0");
        assertThat(store.read((Transaction tx) -> tx.files().everUsed("demo-1.0.tar.gz"))).isTrue();
        assertThat(counts()).containsExactly(1L, 1L, 1L);
    }

    @Test
    void aDeletedProjectTakesEverythingButItsFilenamesAndItsNameMayBeTakenAgain() {
        store.write(tx -> {
            User alice = tx.users().insert("alice", null, "$h", false, T0);
            Project demo = tx.projects().insert(ProjectName.of("demo"), T0);
            Project other = tx.projects().insert(ProjectName.of("other"), T0);
            tx.roles().insert(demo.id(), alice.id(), RoleName.Owner);
            tx.roles().insert(other.id(), alice.id(), RoleName.Owner);
            long one = tx.releases().insert(demo.id(), "1.0", "1", classifiers("A :: B"), T0).id();
            long kept = tx.releases().insert(other.id(), "1.0", "1", classifiers("A :: B"), T0).id();
            tx.files().insert(file(one, "demo-1.0.tar.gz", 'a', null));
            tx.files().insert(file(kept, "other-1.0.tar.gz", 'b', null));
            tx.journal().append("demo", null, "create", T0, "alice");
            return null;
        });
        long demoId = store.read((Transaction tx) -> tx.projects().find("demo")).orElseThrow().id();
        store.write(tx -> {
            tx.projects().delete(demoId);
            return null;
        });
        assertThat(store.read((Transaction tx) -> tx.projects().find("demo"))).isEmpty();
        assertThat(counts()).containsExactly(1L, 1L, 1L);
        assertThat(browse("A :: B")).containsExactly("other 1.0");
        long aliceId = store.read((Transaction tx) -> tx.users().find("alice")).orElseThrow().id();
        assertThat(store.read((Transaction tx) -> tx.roles().forUser(aliceId))).extracting(RoleStore.Grant::projectName)
                .containsExactly("other");
        assertThat(store.read((Transaction tx) -> tx.files().everUsed("demo-1.0.tar.gz"))).isTrue();
        assertThat(store.read((Transaction tx) -> tx.journal().last())).as("the journal keeps its history")
                .contains(Serial.of(1));
        Project again = store.write(tx -> tx.projects().insert(ProjectName.of("Demo"), T0));
        assertThat(again.id()).isNotEqualTo(demoId);
        assertThat(store.read((Transaction tx) -> tx.releases().forProject(again.id()))).isEmpty();
    }

    @Test
    void aRoleIsChangedAndRemovedForOneUserOnOneProject() {
        long[] ids = store.write(tx -> {
            User alice = tx.users().insert("alice", null, "$h", false, T0);
            User bob = tx.users().insert("bob", null, "$h", false, T0);
            Project demo = tx.projects().insert(ProjectName.of("demo"), T0);
            Project other = tx.projects().insert(ProjectName.of("other"), T0);
            tx.roles().insert(demo.id(), alice.id(), RoleName.Owner);
            tx.roles().insert(demo.id(), bob.id(), RoleName.Maintainer);
            tx.roles().insert(other.id(), bob.id(), RoleName.Maintainer);
            return new long[] {demo.id(), other.id(), bob.id()};
        });
        store.write(tx -> {
            tx.roles().update(ids[0], ids[2], RoleName.Owner);
            return null;
        });
        assertThat(store.read((Transaction tx) -> tx.roles().find(ids[0], ids[2]))).contains(RoleName.Owner);
        assertThat(store.read((Transaction tx) -> tx.roles().find(ids[1], ids[2]))).contains(RoleName.Maintainer);
        store.write(tx -> {
            tx.roles().delete(ids[0], ids[2]);
            return null;
        });
        assertThat(store.read((Transaction tx) -> tx.roles().forProject(ids[0])))
                .extracting(g -> g.role() + " " + g.username()).containsExactly("Owner alice");
        assertThat(store.read((Transaction tx) -> tx.roles().find(ids[1], ids[2]))).contains(RoleName.Maintainer);
        store.write(tx -> {
            tx.roles().insert(ids[0], ids[2], RoleName.Maintainer);
            return null;
        });
        assertThat(store.read((Transaction tx) -> tx.roles().find(ids[0], ids[2]))).as("a removed role may be given again")
                .contains(RoleName.Maintainer);
    }

    private List<String> browse(String... classifiers) {
        List<String> out = new ArrayList<>();
        store.read((Transaction tx) -> {
            tx.releases().withAllClassifiers(List.of(classifiers), r -> out.add(r.projectName() + " " + r.version()));
            return null;
        });
        return out;
    }

    private static ReleaseMetadata classifiers(String... classifiers) {
        return new ReleaseMetadata(Map.of("classifiers", List.of(classifiers)));
    }

    private static DistFile file(long releaseId, String filename, char fill, MetadataDigests metadata) {
        String b2 = String.valueOf(fill).repeat(64);
        Digests digests = new Digests(String.valueOf(fill).repeat(32), String.valueOf(fill).repeat(64), b2);
        return new DistFile(0, releaseId, filename, filename.endsWith(".whl") ? PackageType.bdist_wheel : PackageType.sdist,
                filename.endsWith(".whl") ? "py3" : "source", 123, digests, metadata, T0, digests.storagePath(filename),
                null, "test/1.0");
    }
}
