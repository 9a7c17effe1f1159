package dev.cheeseshop.index;

import dev.cheeseshop.model.DistFile;
import dev.cheeseshop.model.MetadataDigests;
import dev.cheeseshop.model.Project;
import dev.cheeseshop.model.Serial;
import dev.cheeseshop.model.Version;
import dev.cheeseshop.store.FileStore.ListedFile;
import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.store.ProjectStore.ProjectListing;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;

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
     * The page of the project with this normalised name, if there is one not in quarantine; the
     * files of its releases in quarantine are left out.
     */
    public Optional<ProjectPage> page(String normalizedName) {
        return page(normalizedName, serial -> Optional.empty(), Function.identity());
    }

    /**
     * The project's page made into a {@code T} by {@code render}, unless {@code held} already has
     * one made at the project's last serial; empty when there is no such project or it is in
     * quarantine. One read transaction either way, so the serial and the page are of one snapshot:
     * the project's row by its name, then (unless held) the files of its releases in one query.
     */
    public <T> Optional<T> page(String normalizedName, Function<Serial, Optional<T>> held,
            Function<ProjectPage, T> render) {
        return store.read(tx -> tx.projects().find(normalizedName).filter(p -> !p.quarantined())
                .map(project -> held.apply(project.lastSerial())
                        .orElseGet(() -> render.apply(build(project, tx.files().listed(project.id()))))));
    }

    /** PyPI's order: by version, then filename; each distinct version string is parsed once. */
    private static ProjectPage build(Project project, List<ListedFile> listed) {
        Map<String, Version> versions = new HashMap<>();
        List<ListedFile> files = new ArrayList<>(listed);
        files.sort(Comparator.<ListedFile, Version>comparing(f -> versions.computeIfAbsent(f.version(), Version::parse))
                .thenComparing(f -> f.file().filename()));
        List<FileLink> links = new ArrayList<>(files.size());
        Set<String> withFiles = new LinkedHashSet<>();
        for (ListedFile file : files) {
            links.add(link(file));
            withFiles.add(file.version());
        }
        return new ProjectPage(project.normalizedName(), project.displayName(), project.lastSerial(),
                List.copyOf(links), List.copyOf(withFiles));
    }

    private static FileLink link(ListedFile listed) {
        DistFile file = listed.file();
        return new FileLink(file.filename(), file.path(), listed.version(), file.digests().sha256(),
                OptionalLong.of(file.size()), Optional.of(file.uploadTime()), Optional.ofNullable(listed.requiresPython()),
                listed.yanked() ? Optional.of(listed.yankedReason() == null ? "" : listed.yankedReason())
                        : Optional.empty(),
                file.metadata().map(MetadataDigests::sha256));
    }
}
