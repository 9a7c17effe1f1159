package dev.cheeseshop.index;

import dev.cheeseshop.model.ProjectName;
import dev.cheeseshop.store.ProjectStore.ProjectListing;
import java.nio.charset.StandardCharsets;

/**
 * PEP 503 HTML pages, byte for byte as pypi.org renders them (repository version 1.4, whose HTML
 * PEP 833 froze, odd whitespace included: tools that scrape these pages depend on it). File links
 * are relative ({@code ../../packages/...}), so pages are the same whatever host or prefix they
 * are served under.
 */
public final class SimpleHtml {
    public static final String API_VERSION = "1.4";

    private SimpleHtml() {}

    public static String indexHead() {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n  <head>\n"
                + "    <meta name=\"pypi:repository-version\" content=\"" + API_VERSION + "\">\n"
                + "    <title>Simple index</title>\n  </head>\n  <body>\n";
    }

    public static String indexRow(ProjectListing project) {
        return "<a href=\"/simple/" + Html.escape(project.normalizedName()) + "/\">"
                + Html.escape(project.displayName()) + "</a>\n";
    }

    public static String indexTail() {
        return "</body>\n</html>";
    }

    public static byte[] project(ProjectPage page) {
        String name = Html.escape(page.normalizedName());
        StringBuilder out = new StringBuilder(512 + 400 * page.files().size());
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n  <head>\n")
                .append("    <meta name=\"pypi:repository-version\" content=\"").append(API_VERSION).append("\">\n")
                .append("<meta name=\"pypi:project-status\" content=\"active\">    <title>Links for ")
                .append(name).append("</title>\n  </head>\n  <body>\n    <h1>Links for ").append(name).append("</h1>\n");
        for (FileLink file : page.files()) {
            out.append("<a href=\"").append(Html.escape(fileUrl(file))).append("#sha256=").append(file.sha256())
                    .append("\" ");
            file.requiresPython().ifPresent(rp -> out.append("data-requires-python=\"").append(Html.escape(rp)).append("\" "));
            file.yanked().ifPresent(reason -> out.append("data-yanked=\"").append(Html.escape(reason)).append("\" "));
            file.metadataSha256().ifPresent(sha -> out.append("data-dist-info-metadata=\"sha256=").append(sha)
                    .append("\" data-core-metadata=\"sha256=").append(sha).append('"'));
            out.append('>').append(Html.escape(file.filename())).append("</a><br />\n");
        }
        out.append("</body>\n</html>\n<!--SERIAL ").append(page.lastSerial().value()).append("-->");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The file's URL relative to its project page. */
    public static String fileUrl(FileLink file) {
        return "../../packages/" + UrlPaths.encodePath(file.path());
    }

    /** True when {@code segment} is a project name spelled as PEP 503 wants it in a URL. */
    public static boolean isNormalized(String segment) {
        return ProjectName.normalize(segment).equals(segment);
    }
}
