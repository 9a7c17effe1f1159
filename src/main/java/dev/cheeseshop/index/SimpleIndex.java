package dev.cheeseshop.index;

import dev.cheeseshop.model.DistFile;
import dev.cheeseshop.model.MetadataDigests;
import dev.cheeseshop.model.Project;
import dev.cheeseshop.model.Release;
import dev.cheeseshop.model.Serial;
import dev.cheeseshop.model.Version;
import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.store.ProjectStore.ProjectListing;
import dev.cheeseshop.store.Transaction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The Simple API's read model: the project listing and each project's page. */
public final class SimpleIndex {
    private final MetadataStore store;
    private final HtmlIndexEtag htmlIndexEtag = new HtmlIndexEtag();

    public SimpleIndex(MetadataStore store) {
        this.store = store;
    }

    /**
     * Receives the index: first its header (the journal's last serial, and the HTML index's ETag
     * on demand), then every project in normalised-name order.
     */
    public interface ListingSink {
        /** Answers false to stop there (the client already has this listing). */
        boolean begin(Listing listing);

        void project(ProjectListing project);

        void end();
    }

    /** What is known of the listing before it is streamed. */
    public interface Listing {
        /** The journal's last serial (0 while it is empty). */
        Serial lastSerial();

        /** The strong ETag of the HTML index (the digest of its bytes; computed once per serial). */
        String htmlEtag();
    }

    /** Streams the listing to {@code sink} from one consistent snapshot. */
    public void listing(ListingSink sink) {
        store.read(tx -> {
            Serial last = tx.journal().last().orElse(Serial.NONE);
            Listing listing = new Listing() {
                @Override
                public Serial lastSerial() {
                    return last;
                }

                @Override
                public String htmlEtag() {
                    return htmlIndexEtag.of(tx, last);
                }
            };
            if (sink.begin(listing)) {
                tx.projects().forEach(sink::project);
                sink.end();
            }
            return null;
        });
    }

    /**
     * The last serial of the project with this normalised name (one indexed look-up), if there is
     * one not in quarantine.
     */
    public Optional<Serial> lastSerial(String normalizedName) {
        return store.read(tx -> tx.projects().find(normalizedName).filter(p -> !p.quarantined()).map(Project::lastSerial));
    }

    /**
     * The page of the project with this normalised name, if there is one not in quarantine; the
     * files of its releases in quarantine are left out.
     */
    public Optional<ProjectPage> page(String normalizedName) {
        return store.read(tx -> tx.projects().find(normalizedName).filter(p -> !p.quarantined())
                .map(project -> build(tx, project)));
    }

    private static ProjectPage build(Transaction tx, Project project) {
        Map<Long, Release> releases = tx.releases().forProject(project.id()).stream()
                .filter(release -> !release.quarantined())
                .collect(Collectors.toMap(Release::id, Function.identity()));
        Map<Long, Version> versions = releases.values().stream()
                .collect(Collectors.toMap(Release::id, r -> Version.parse(r.version())));
        List<DistFile> files = new ArrayList<>(tx.files().forProject(project.id()));
        files.removeIf(f -> !releases.containsKey(f.releaseId()));
        files.sort(Comparator.<DistFile, Version>comparing(f -> versions.get(f.releaseId()))
                .thenComparing(DistFile::filename));
        List<FileLink> links = files.stream().map(f -> link(f, releases.get(f.releaseId()))).toList();
        List<String> withFiles = List.copyOf(links.stream().map(FileLink::version)
                .collect(Collectors.toCollection(LinkedHashSet::new)));
        return new ProjectPage(project.normalizedName(), project.displayName(), project.lastSerial(), links, withFiles);
    }

    private static FileLink link(DistFile file, Release release) {
        return new FileLink(file.filename(), file.path(), release.version(), file.digests().sha256(), file.size(),
                file.uploadTime(), release.requiresPython(),
                release.yanked() ? Optional.of(release.yankedReason() == null ? "" : release.yankedReason())
                        : Optional.empty(),
                file.metadata().map(MetadataDigests::sha256));
    }
}
