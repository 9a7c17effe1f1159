package dev.cheeseshop.web;

import dev.cheeseshop.index.UrlPaths;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** How values read on the pages: sizes, dates, counts and the paths of projects and releases. */
public final class Formats {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM uuuu", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("d MMM uuuu, HH:mm 'UTC'",
            Locale.ROOT).withZone(ZoneOffset.UTC);

    private Formats() {}

    /** A size in bytes as people read it: {@code 512 bytes}, {@code 12.3 kB}, {@code 4.1 MB} (SI, as pypi.org). */
    public static String size(long bytes) {
        if (bytes < 1000) {
            return bytes + (bytes == 1 ? " byte" : " bytes");
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /** {@code 3 Dec 2026}, in UTC. */
    public static String date(Instant at) {
        return DATE.format(at);
    }

    /** {@code 3 Dec 2026, 19:45 UTC}. */
    public static String dateTime(Instant at) {
        return DATE_TIME.format(at);
    }

    /** The machine-readable form for a {@code <time datetime>}: ISO-8601 in UTC, to the second. */
    public static String iso(Instant at) {
        return at.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** {@code 12,345}, the same in every locale. */
    public static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** The site path of a project's page. */
    public static String project(String normalizedName) {
        return "project/" + UrlPaths.encodePath(normalizedName) + "/";
    }

    /** The site path of a release's page. */
    public static String release(String normalizedName, String version) {
        return project(normalizedName) + UrlPaths.encodePath(version) + "/";
    }

    /** The site path of a user's page. */
    public static String user(String username) {
        return "user/" + UrlPaths.encodePath(username) + "/";
    }

    /** The search page for the projects carrying {@code classifier}. */
    public static String classifierSearch(String classifier) {
        return "search/?c=" + URLEncoder.encode(classifier, StandardCharsets.UTF_8);
    }

    /**
     * {@code url} if it is an absolute http or https URL, which a page may link to; else null, and
     * the page shows it as text. A project's metadata is the uploader's: a {@code javascript:} or
     * {@code data:} URL in it must never become a link.
     */
    public static String webLink(String url) {
        String trimmed = url.strip();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (!(lower.startsWith("https://") || lower.startsWith("http://")) || trimmed.length() > 2048) {
            return null;
        }
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (c <= ' ' || c == 0x7f) {
                return null;
            }
        }
        return trimmed;
    }

    /** The site path of a stored file (its storage path under {@code packages/}). */
    public static String file(String storagePath) {
        return "packages/" + UrlPaths.encodePath(storagePath);
    }
}
