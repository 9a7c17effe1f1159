package dev.cheeseshop.proxy;

import dev.cheeseshop.model.UpstreamFile;
import dev.cheeseshop.model.UpstreamPage;
import dev.cheeseshop.store.UpstreamStore.CachedFile;
import dev.cheeseshop.store.UpstreamStore.CachedPage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The upload times a freshly fetched page lacks (a PEP 503 HTML page gives none; a JSON page may
 * leave PEP 700's {@code upload-time} out), filled in before the page is cached, while a minimum
 * age is in force ({@link ProxyPolicy#needsUploadTimes}) and only for files that could be served
 * ({@link ProxyView#servable}). A time is taken only for the same bytes: the filename and the
 * sha256 the page gives must both match. First from the page cached before (its times were checked
 * the same way), then, for files still without one, from the upstream's JSON API
 * ({@link Upstream#uploadTimes}). The JSON API failing (down, 5xx, too slow, unreadable) is logged
 * and leaves the files without a time, refused under the minimum age; the page itself is kept.
 */
final class UploadTimes {
    private static final Logger LOG = LoggerFactory.getLogger(UploadTimes.class);

    private final Upstream upstream;
    private final ProxyPolicy policy;

    UploadTimes(Upstream upstream, ProxyPolicy policy) {
        this.upstream = upstream;
        this.policy = policy;
    }

    /** {@code page} with the upload times found for its files that had none. */
    UpstreamPage complete(UpstreamPage page, Optional<CachedPage> previous) {
        if (!policy.needsUploadTimes() || lacking(page) == 0) {
            return page;
        }
        Map<String, Upstream.UploadTime> known = new HashMap<>();
        for (CachedFile cached : previous.map(CachedPage::files).orElse(List.of())) {
            UpstreamFile file = cached.file();
            if (file.sha256().isPresent() && file.uploadTime().isPresent()) {
                known.put(file.filename(), new Upstream.UploadTime(file.sha256().get(), file.uploadTime().get()));
            }
        }
        UpstreamPage filled = fill(page, known);
        if (lacking(filled) == 0) {
            return filled;
        }
        Map<String, Upstream.UploadTime> listed;
        try {
            listed = upstream.uploadTimes(page.normalizedName());
        } catch (UpstreamUnavailable e) {
            LOG.warn("no upload times for {} from the upstream's JSON API, its files without one stay of unknown age: {}",
                    page.normalizedName(), e.getMessage());
            return filled;
        }
        return fill(filled, listed);
    }

    /** How many servable files of the page have no upload time. */
    private static int lacking(UpstreamPage page) {
        int count = 0;
        for (UpstreamFile file : page.files()) {
            if (file.uploadTime().isEmpty() && ProxyView.servable(page.normalizedName(), file).isPresent()) {
                count++;
            }
        }
        return count;
    }

    /** The page with each file without a time given the one {@code times} has for its filename and sha256. */
    private static UpstreamPage fill(UpstreamPage page, Map<String, Upstream.UploadTime> times) {
        if (times.isEmpty()) {
            return page;
        }
        List<UpstreamFile> files = new ArrayList<>(page.files().size());
        for (UpstreamFile file : page.files()) {
            Upstream.UploadTime time = times.get(file.filename());
            if (file.uploadTime().isEmpty() && time != null && file.sha256().isPresent()
                    && file.sha256().get().equals(time.sha256())) {
                file = withTime(file, time.time());
            }
            files.add(file);
        }
        return new UpstreamPage(page.normalizedName(), page.displayName(), page.etag(), page.serial(), files);
    }

    private static UpstreamFile withTime(UpstreamFile file, Instant time) {
        return new UpstreamFile(file.filename(), file.url(), file.sha256(), file.size(), Optional.of(time),
                file.requiresPython(), file.yanked(), file.metadataSha256());
    }
}
