package dev.cheeseshop.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cheeseshop.model.ProjectName;
import dev.cheeseshop.model.Version;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The generated index is reproducible from its seed and consistent with itself. */
class BenchGeneratorTest {
    private static final BenchSpec SPEC = new BenchSpec(300, 12_000, 42);

    private static RecordingSink generate(BenchSpec spec) {
        RecordingSink sink = new RecordingSink();
        BenchGenerator.generate(spec, sink, serial -> { });
        return sink;
    }

    @Test
    void theSameSeedGivesTheSameRowsAndAnotherSeedOthers() {
        List<String> first = generate(SPEC).rows;

        assertThat(generate(SPEC).rows).isEqualTo(first);
        assertThat(generate(new BenchSpec(300, 12_000, 43)).rows).isNotEqualTo(first);
    }

    @Test
    void theJournalHasExactlyTheRequestedDenseSerialsInTimeOrder() {
        RecordingSink sink = generate(SPEC);

        assertThat(sink.journal).hasSize(12_000);
        for (int i = 0; i < sink.journal.size(); i++) {
            assertThat(sink.journal.get(i).serial()).isEqualTo(i + 1);
            if (i > 0) {
                assertThat(sink.journal.get(i).submitted()).isGreaterThan(sink.journal.get(i - 1).submitted());
            }
        }
        assertThat(sink.projects).hasSize(300);
    }

    @Test
    void everyEntryNamesAProjectWhoseLastSerialIsItsNewestEntry() {
        RecordingSink sink = generate(SPEC);
        Map<String, RecordingSink.Project> byName = sink.projects.stream()
                .collect(Collectors.toMap(RecordingSink.Project::name, Function.identity()));
        Map<String, Long> newest = new HashMap<>();
        Set<String> users = new HashSet<>(sink.users);

        for (RecordingSink.Journal entry : sink.journal) {
            assertThat(byName).as("entry %s", entry).containsKey(entry.name());
            assertThat(users).contains(entry.by());
            newest.merge(entry.name(), entry.serial(), Math::max);
        }
        for (RecordingSink.Project project : sink.projects) {
            assertThat(project.lastSerial()).as(project.name()).isEqualTo(newest.get(project.name()));
        }
    }

    @Test
    void eachProjectStartsWithCreateAndAddOwner() {
        RecordingSink sink = generate(SPEC);
        Map<String, List<RecordingSink.Journal>> byName = sink.journal.stream()
                .collect(Collectors.groupingBy(RecordingSink.Journal::name));

        for (RecordingSink.Project project : sink.projects) {
            List<RecordingSink.Journal> entries = byName.get(project.name());
            assertThat(entries.get(0).action()).isEqualTo("create");
            assertThat(entries.get(0).version()).isNull();
            assertThat(entries.get(1).action()).isEqualTo("add Owner " + entries.get(1).by());
            assertThat(project.created()).isEqualTo(entries.get(0).submitted());
        }
    }

    @Test
    void namesAreValidAndUniqueOnceNormalisedAndSomeNeedNormalising() {
        RecordingSink sink = generate(SPEC);

        Set<String> normalized = new HashSet<>();
        for (RecordingSink.Project project : sink.projects) {
            assertThat(ProjectName.isValid(project.name())).as(project.name()).isTrue();
            assertThat(project.normalized()).isEqualTo(ProjectName.normalize(project.name()));
            assertThat(normalized.add(project.normalized())).as(project.name()).isTrue();
        }
        assertThat(sink.projects).anyMatch(p -> !p.name().equals(p.normalized()));
        assertThat(sink.projects).anyMatch(p -> p.name().contains("_") || p.name().contains("."));
    }

    @Test
    void releasesHaveValidVersionsUniquePerProjectEachAnnouncedInTheJournal() {
        RecordingSink sink = generate(SPEC);
        Map<Long, String> names = sink.projects.stream()
                .collect(Collectors.toMap(RecordingSink.Project::id, RecordingSink.Project::name));
        Set<String> announced = sink.journal.stream().filter(e -> e.action().equals("new release"))
                .map(e -> e.name() + " " + e.version()).collect(Collectors.toSet());
        Set<String> seen = new HashSet<>();

        for (RecordingSink.Release release : sink.releases) {
            assertThat(Version.isValid(release.version())).as(release.version()).isTrue();
            assertThat(release.canonical()).isEqualTo(Version.canonicalize(release.version()));
            assertThat(seen.add(release.projectId() + " " + release.canonical())).as(release.toString()).isTrue();
            assertThat(announced).contains(names.get(release.projectId()) + " " + release.version());
        }
        assertThat(sink.releases).anyMatch(r -> Version.parse(r.version()).isPrerelease());
        assertThat(sink.releases).anyMatch(r -> Version.parse(r.version()).isPostrelease());
        assertThat(sink.releases).anyMatch(RecordingSink.Release::yanked);
    }

    @Test
    void journalActionsAreThoseOfPyPi() {
        Set<String> kinds = generate(SPEC).journal.stream()
                .map(e -> e.action().replaceAll("^(add|remove|change) (Owner|Maintainer) .*", "$1 role")
                        .replaceAll("^(add \\S+|remove) file \\S+$", "$1 file"))
                .collect(Collectors.toSet());

        assertThat(kinds).containsOnly("create", "new release", "add source file", "add py3 file",
                "add py2.py3 file", "add cp38 file", "add cp39 file", "add cp310 file", "add cp311 file",
                "add cp312 file", "add cp313 file", "remove file", "yank release", "unyank release", "remove release",
                "add role", "change role", "remove role");
    }

    @Test
    void impossibleSizesAreRefused() {
        assertThatThrownBy(() -> new BenchSpec(0, 10, 1)).hasMessageContaining("--projects");
        assertThatThrownBy(() -> new BenchSpec(10, 19, 1)).hasMessageContaining("twice");
        assertThatThrownBy(() -> new BenchSpec(10, 1L << 31, 1)).hasMessageContaining("at most");
    }

    @Test
    void theSmallestJournalStillCreatesEveryProject() {
        RecordingSink sink = generate(new BenchSpec(50, 100, 5));

        assertThat(sink.projects).hasSize(50);
        assertThat(sink.journal).hasSize(100);
        assertThat(sink.releases).isEmpty();
    }
}
