package dev.cheeseshop.testing;

import dev.cheeseshop.model.DistFile;
import dev.cheeseshop.model.JournalEntry;
import dev.cheeseshop.model.ProjectName;
import dev.cheeseshop.model.Release;
import dev.cheeseshop.model.Serial;
import dev.cheeseshop.store.RoleStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Everything an upload or a management use case can leave behind on a test server, read from the
 * stores and the data directory: projects, releases (with their yank state), files, roles, the
 * whole journal, every stored object ({@link Backend.Storage#storedFiles}: on the default backend
 * every file under {@code packages/}, blobs and the blob store's temporary files; on S3 every
 * object in the bucket) and every file under {@code tmp/} (staged uploads). Two states are equal when nothing was written in between.
 */
public record IndexState(List<String> projects, List<String> releases, List<DistFile> files, List<String> roles,
        List<JournalEntry> journal, List<String> packages, List<String> staged) {

    public static IndexState of(TestServer server) {
        List<String> names = new ArrayList<>();
        List<String> projects = new ArrayList<>();
        List<String> releases = new ArrayList<>();
        List<DistFile> files = new ArrayList<>();
        List<String> roles = new ArrayList<>();
        List<JournalEntry> journal = new ArrayList<>();
        server.app().store().read(tx -> {
            // Every project, those in quarantine too (the Simple index's forEach leaves them out).
            tx.projects().forEachLastSerial((name, serial) -> names.add(name));
            for (String name : names) {
                var project = tx.projects().find(ProjectName.normalize(name)).orElseThrow();
                projects.add(name + " serial " + project.lastSerial().value()
                        + (project.quarantined() ? " quarantined" : ""));
                for (Release release : tx.releases().forProject(project.id())) {
                    releases.add(name + " " + release.version()
                            + (release.yanked() ? " yanked: " + release.yankedReason() : "")
                            + (release.quarantined() ? " quarantined" : ""));
                }
                files.addAll(tx.files().forProject(project.id()));
                for (RoleStore.Grant grant : tx.roles().forProject(project.id())) {
                    roles.add(grant.projectName() + " " + grant.role() + " " + grant.username());
                }
            }
            tx.journal().since(Serial.NONE, Integer.MAX_VALUE, journal::add);
            return null;
        });
        return new IndexState(projects, releases, files, roles, journal, server.storage().storedFiles(),
                tree(server.data().resolve("tmp")));
    }

    /** The journal entries after {@code before}'s. */
    public List<JournalEntry> journalSince(IndexState before) {
        return journal.subList(before.journal.size(), journal.size());
    }

    /** The journal entries as {@code name|version|action|submittedBy}, for comparing in one assertion. */
    public static List<String> describe(List<JournalEntry> entries) {
        return entries.stream().map(e -> e.name() + "|" + e.version() + "|" + e.action() + "|" + e.submittedBy())
                .toList();
    }

    /** Regular files under {@code dir}, relative, sorted. */
    static List<String> tree(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
