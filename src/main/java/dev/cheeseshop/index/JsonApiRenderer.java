package dev.cheeseshop.index;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.cheeseshop.index.ProjectJson.ReleaseFiles;
import dev.cheeseshop.index.ProjectJson.Role;
import dev.cheeseshop.model.DistFile;
import dev.cheeseshop.model.Release;
import dev.cheeseshop.model.ReleaseMetadata;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Renders a {@link ProjectJson} as pypi.org's JSON API document, byte for byte as Warehouse's
 * {@code legacy/api/json.py} and its renderer make it: keys sorted (so {@code releases} is in
 * version-string order, "1.10" before "1.2"), compact, a trailing newline. Absolute URLs start at
 * {@code baseUrl} (scheme, host and any path prefix, no trailing slash): {@code package_url},
 * {@code project_url} and {@code release_url} point at {@code /project/...} pages, file URLs at
 * {@code /packages/<path>}. Fields pypi.org keeps only for compatibility have its constant values
 * (a file's {@code downloads} -1, {@code has_sig} false, {@code bugtrack_url} null), and so do what this
 * index does not have: {@code docs_url} and {@code ownership.organization} null, no
 * {@code vulnerabilities}. {@code info.downloads} holds the project's counts ({@link ProjectJson#downloads}),
 * -1 each where downloads are not counted, as on pypi.org.
 */
public final class JsonApiRenderer {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
    private static final Comparator<ReleaseFiles> BY_VERSION_STRING =
            Comparator.comparing(r -> r.release().version(), PyJson.KEY_ORDER);

    private JsonApiRenderer() {}

    public static JsonDocument render(ProjectJson doc, String baseUrl) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try (JsonGenerator g = PyJson.generator(out)) {
            g.writeStartObject();
            g.writeFieldName("info");
            info(g, doc, baseUrl);
            g.writeNumberField("last_serial", doc.project().lastSerial().value());
            g.writeObjectFieldStart("ownership");
            g.writeNullField("organization");
            g.writeArrayFieldStart("roles");
            for (Role role : doc.roles()) {
                g.writeStartObject();
                g.writeStringField("role", role.role());
                g.writeStringField("user", role.user());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            if (doc.allReleases()) {
                g.writeObjectFieldStart("releases");
                for (ReleaseFiles release : doc.releases().stream().sorted(BY_VERSION_STRING).toList()) {
                    g.writeFieldName(release.release().version());
                    files(g, release.release(), release.files(), baseUrl);
                }
                g.writeEndObject();
            }
            g.writeFieldName("urls");
            files(g, doc.release(), doc.urls(), baseUrl);
            g.writeArrayFieldStart("vulnerabilities");
            g.writeEndArray();
            g.writeEndObject();
            g.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return JsonDocument.of(out.toByteArray());
    }

    private static void info(JsonGenerator g, ProjectJson doc, String baseUrl) throws IOException {
        Release release = doc.release();
        ReleaseMetadata m = release.metadata();
        String projectUrl = baseUrl + "/project/" + UrlPaths.encodePath(doc.project().displayName()) + "/";
        g.writeStartObject();
        string(g, "author", m, "author");
        string(g, "author_email", m, "author_email");
        g.writeNullField("bugtrack_url");
        list(g, "classifiers", InfoFields.classifiers(m));
        g.writeStringField("description", m.first("description").orElse(""));
        string(g, "description_content_type", m, "description_content_type");
        g.writeNullField("docs_url");
        string(g, "download_url", m, "download_url");
        g.writeObjectFieldStart("downloads");
        g.writeNumberField("last_day", doc.downloads().lastDay());
        g.writeNumberField("last_month", doc.downloads().lastMonth());
        g.writeNumberField("last_week", doc.downloads().lastWeek());
        g.writeEndObject();
        list(g, "dynamic", InfoFields.dynamic(m));
        string(g, "home_page", m, "home_page");
        nullable(g, "keywords", InfoFields.keywords(m));
        string(g, "license", m, "license");
        string(g, "license_expression", m, "license_expression");
        list(g, "license_files", InfoFields.listOrNull(m, "license_file"));
        string(g, "maintainer", m, "maintainer");
        string(g, "maintainer_email", m, "maintainer_email");
        g.writeStringField("name", doc.project().displayName());
        g.writeStringField("package_url", projectUrl);
        string(g, "platform", m, "platform");
        g.writeStringField("project_url", projectUrl);
        projectUrls(g, InfoFields.projectUrls(m));
        list(g, "provides_extra", InfoFields.listOrNull(m, "provides_extra"));
        g.writeStringField("release_url", projectUrl + UrlPaths.encodePath(release.version()) + "/");
        list(g, "requires_dist", InfoFields.listOrNull(m, "requires_dist"));
        nullable(g, "requires_python", release.requiresPython().orElse(null));
        string(g, "summary", m, "summary");
        g.writeStringField("version", release.version());
        g.writeBooleanField("yanked", release.yanked());
        nullable(g, "yanked_reason", yankedReason(release));
        g.writeEndObject();
    }

    private static void files(JsonGenerator g, Release release, List<DistFile> files, String baseUrl)
            throws IOException {
        String requiresPython = release.requiresPython().orElse(null);
        String yankedReason = yankedReason(release);
        g.writeStartArray();
        for (DistFile f : files) {
            g.writeStartObject();
            nullable(g, "comment_text", f.commentText());
            if (f.metadata().isPresent()) {
                g.writeObjectFieldStart("core-metadata");
                g.writeStringField("sha256", f.metadata().get().sha256());
                g.writeEndObject();
            } else {
                g.writeBooleanField("core-metadata", false);
            }
            g.writeObjectFieldStart("digests");
            g.writeStringField("blake2b_256", f.digests().blake2b256());
            g.writeStringField("md5", f.digests().md5());
            g.writeStringField("sha256", f.digests().sha256());
            g.writeEndObject();
            g.writeNumberField("downloads", -1);
            g.writeStringField("filename", f.filename());
            g.writeBooleanField("has_sig", false);
            g.writeStringField("md5_digest", f.digests().md5());
            g.writeStringField("packagetype", f.packageType().name());
            g.writeStringField("python_version", f.pythonVersion());
            nullable(g, "requires_python", requiresPython);
            g.writeNumberField("size", f.size());
            String seconds = seconds(f.uploadTime());
            g.writeStringField("upload_time", seconds);
            g.writeStringField("upload_time_iso_8601", isoformat(seconds, f.uploadTime()) + "Z");
            g.writeStringField("url", baseUrl + "/packages/" + UrlPaths.encodePath(f.path()));
            g.writeBooleanField("yanked", release.yanked());
            nullable(g, "yanked_reason", yankedReason);
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void projectUrls(JsonGenerator g, Map<String, String> urls) throws IOException {
        if (urls == null) {
            g.writeNullField("project_urls");
            return;
        }
        g.writeObjectFieldStart("project_urls");
        for (String label : urls.keySet().stream().sorted(PyJson.KEY_ORDER).toList()) {
            g.writeStringField(label, urls.get(label));
        }
        g.writeEndObject();
    }

    /** The reason, or null when the release is not yanked or was yanked without one. */
    private static String yankedReason(Release release) {
        String reason = release.yankedReason();
        return reason == null || reason.isEmpty() ? null : reason;
    }

    /** {@code strftime("%Y-%m-%dT%H:%M:%S")} of the UTC time. */
    private static String seconds(Instant time) {
        return SECONDS.format(LocalDateTime.ofEpochSecond(time.getEpochSecond(), 0, ZoneOffset.UTC));
    }

    /** Python's {@code datetime.isoformat()} of a naive UTC time: microseconds only when not zero. */
    private static String isoformat(String seconds, Instant time) {
        int micros = time.getNano() / 1000;
        if (micros == 0) {
            return seconds;
        }
        String digits = Integer.toString(micros);
        return seconds + "." + "000000".substring(digits.length()) + digits;
    }

    private static void string(JsonGenerator g, String name, ReleaseMetadata m, String key) throws IOException {
        nullable(g, name, m.first(key).orElse(null));
    }

    private static void nullable(JsonGenerator g, String name, String value) throws IOException {
        if (value == null) {
            g.writeNullField(name);
        } else {
            g.writeStringField(name, value);
        }
    }

    private static void list(JsonGenerator g, String name, List<String> values) throws IOException {
        if (values == null) {
            g.writeNullField(name);
            return;
        }
        g.writeArrayFieldStart(name);
        for (String value : values) {
            g.writeString(value);
        }
        g.writeEndArray();
    }
}
