package dev.cheeseshop.proxy;

import dev.cheeseshop.model.UpstreamFile;
import dev.cheeseshop.model.UpstreamPage;
import java.util.ArrayList;
import java.util.List;

/**
 * An upstream page made fit to store on either backend: a file whose name holds a control
 * character is dropped (it could never be served: {@link ProxyView#servable}), and control
 * characters in the other texts (display name, ETag, Requires-Python, yank reason) become U+FFFD.
 * PostgreSQL's text cannot hold NUL at all, and SQLite's would hand it back into pages and headers;
 * a hostile or broken upstream must change neither.
 */
final class StorablePage {
    private StorablePage() {}

    static UpstreamPage of(UpstreamPage page) {
        List<UpstreamFile> files = new ArrayList<>(page.files().size());
        for (UpstreamFile file : page.files()) {
            if (hasControl(file.filename())) {
                continue;
            }
            files.add(new UpstreamFile(file.filename(), file.url(), file.sha256().map(StorablePage::clean), file.size(),
                    file.uploadTime(), file.requiresPython().map(StorablePage::clean), file.yanked().map(StorablePage::clean),
                    file.metadataSha256().map(StorablePage::clean)));
        }
        return new UpstreamPage(page.normalizedName(), clean(page.displayName()), page.etag().map(StorablePage::clean),
                page.serial(), files);
    }

    static String clean(String text) {
        if (!hasControl(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(isControl(c) ? '\uFFFD' : c);
        }
        return out.toString();
    }

    private static boolean hasControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isControl(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isControl(char c) {
        return c < 0x20 || c == 0x7f;
    }
}
