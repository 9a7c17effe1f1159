package dev.cheeseshop.proxy;

import dev.cheeseshop.dist.DistFilename;
import dev.cheeseshop.index.FileLink;
import dev.cheeseshop.index.ProjectPage;
import dev.cheeseshop.model.Serial;
import dev.cheeseshop.model.UpstreamFile;
import dev.cheeseshop.model.Version;
import dev.cheeseshop.store.UpstreamStore.CachedFile;
import dev.cheeseshop.store.UpstreamStore.CachedPage;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A cached upstream page as this server shows it: in the same {@link ProjectPage} as a local
 * project's, so that it is rendered by the same code in PEP 503 HTML or PEP 691 JSON, with each
 * file's URL on this server ({@code /packages/upstream/<project>/<filename>}). A file is left out
 * when the policy denies it, when the upstream gave no sha256 (it could never be checked), when its
 * name is not a plain filename or gives no version. Files in PyPI's order: by version, then name.
 */
final class ProxyView {
    /** A distribution's filename: no separators, no controls, nothing that resolves elsewhere. */
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+!-]*");
    static final String PATH_PREFIX = "upstream/";

    private final ProxyPolicy policy;
    private final Clock clock;

    ProxyView(ProxyPolicy policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
    }

    ProxyAnswer page(CachedPage cached, boolean stale) {
        Instant now = clock.instant();
        PolicyHeader.Hidden hidden = new PolicyHeader.Hidden();
        record Listed(FileLink link, Version version) {}
        List<Listed> listed = new ArrayList<>(cached.files().size());
        for (CachedFile cachedFile : cached.files()) {
            UpstreamFile file = cachedFile.file();
            Optional<String> version = servable(cached.normalizedName(), file);
            if (version.isEmpty()) {
                continue;
            }
            ProxyPolicy.Decision decision = policy.file(cached.normalizedName(), file, now);
            if (!decision.allowed()) {
                hidden.add(decision);
                continue;
            }
            listed.add(new Listed(link(cached.normalizedName(), file, version.get()), Version.parse(version.get())));
        }
        listed.sort(Comparator.comparing(Listed::version).thenComparing(l -> l.link().filename()));
        List<FileLink> links = new ArrayList<>(listed.size());
        Set<String> versions = new LinkedHashSet<>();
        for (Listed l : listed) {
            links.add(l.link());
            versions.add(l.link().version());
        }
        ProjectPage page = new ProjectPage(cached.normalizedName(), cached.displayName(),
                new Serial(cached.serial().orElse(0)), List.copyOf(links), List.copyOf(versions));
        return new ProxyAnswer.Page(page, stale, hidden.header());
    }

    /** The file's version when it may be shown at all (before the policy), else empty. */
    static Optional<String> servable(String normalizedName, UpstreamFile file) {
        if (file.sha256().isEmpty() || !SAFE_NAME.matcher(file.filename()).matches()) {
            return Optional.empty();
        }
        return DistFilename.version(normalizedName, file.filename()).filter(Version::isValid);
    }

    /** The path under {@code /packages/} at which this server serves an upstream file. */
    static String path(String normalizedName, String filename) {
        return PATH_PREFIX + normalizedName + "/" + filename;
    }

    private static FileLink link(String normalizedName, UpstreamFile file, String version) {
        return new FileLink(file.filename(), path(normalizedName, file.filename()), version, file.sha256().get(),
                file.size(), file.uploadTime(), file.requiresPython(), file.yanked(), file.metadataSha256());
    }
}
