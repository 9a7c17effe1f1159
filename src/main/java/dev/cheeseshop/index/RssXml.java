package dev.cheeseshop.index;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The RSS 2.0 feeds, byte for byte as pypi.org's templates render them (whitespace included),
 * with every link absolute under the {@link PublicUrl}. Text is escaped as Jinja's autoescape does
 * ({@code & < > " '}); descriptions lose every character below U+0020 and an absent summary reads
 * {@code None}, as on pypi.org. Characters XML 1.0 forbids are dropped from all text, so a feed is
 * always well-formed (pypi.org would send them).
 */
public final class RssXml {
    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final String[] MONTHS =
            {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

    private RssXml() {}

    /** {@code /rss/updates.xml}: the newest releases of all projects. */
    public static byte[] updates(List<Feeds.Entry> releases, PublicUrl url) {
        StringBuilder out = channel("PyPI recent updates", url.root(), "Recent updates to the Python Package Index");
        for (Feeds.Entry release : releases) {
            item(out, release.projectName() + " " + release.version(),
                    url.release(release.normalizedName(), release.version()), false, release);
        }
        return end(out);
    }

    /** {@code /rss/packages.xml}: the newest projects. */
    public static byte[] packages(List<Feeds.Entry> projects, PublicUrl url) {
        StringBuilder out = channel("PyPI newest packages", url.root(),
                "Newest packages registered at the Python Package Index");
        for (Feeds.Entry project : projects) {
            item(out, project.projectName() + " added to PyPI", url.project(project.normalizedName()), true, project);
        }
        return end(out);
    }

    /** {@code /rss/project/<name>/releases.xml}: one project's newest releases. */
    public static byte[] project(Feeds.ProjectFeed feed, PublicUrl url) {
        StringBuilder out = channel("PyPI recent updates for " + feed.projectName(), url.project(feed.normalizedName()),
                "Recent updates to the Python Package Index for " + feed.projectName());
        for (Feeds.Entry release : feed.releases()) {
            item(out, release.version(), url.release(release.normalizedName(), release.version()), false, release);
        }
        return end(out);
    }

    /** RFC 822 in GMT, as Python's {@code email.utils.formatdate(usegmt=True)}: {@code Mon, 01 Jan 2024 00:00:00 GMT}. */
    public static String rfc822(Instant instant) {
        ZonedDateTime t = instant.atZone(ZoneOffset.UTC);
        return String.format(Locale.ROOT, "%s, %02d %s %04d %02d:%02d:%02d GMT", DAYS[t.getDayOfWeek().getValue() - 1],
                t.getDayOfMonth(), MONTHS[t.getMonthValue() - 1], t.getYear(), t.getHour(), t.getMinute(),
                t.getSecond());
    }

    /** Text for an element: characters XML forbids dropped, then escaped as Jinja does. */
    static String text(String value) {
        return Html.escape(xmlChars(value));
    }

    /** A description: every character below U+0020 removed (tab and line breaks too); none reads {@code None}. */
    static String description(Optional<String> summary) {
        if (summary.isEmpty()) {
            return "None";
        }
        StringBuilder kept = new StringBuilder(summary.get().length());
        summary.get().chars().filter(c -> c >= 0x20).forEach(c -> kept.append((char) c));
        return text(kept.toString());
    }

    private static StringBuilder channel(String title, String link, String description) {
        return new StringBuilder(4096)
                .append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\">\n  <channel>\n")
                .append("    <title>").append(text(title)).append("</title>\n")
                .append("    <link>").append(text(link)).append("</link>\n")
                .append("    <description>").append(text(description)).append("</description>\n")
                .append("    <language>en</language>");
    }

    private static void item(StringBuilder out, String title, String link, boolean guid, Feeds.Entry entry) {
        out.append("    <item>\n")
                .append("      <title>").append(text(title)).append("</title>\n")
                .append("      <link>").append(text(link)).append("</link>\n");
        if (guid) {
            out.append("      <guid>").append(text(link)).append("</guid>\n");
        }
        out.append("      <description>").append(description(entry.summary())).append("</description>\n");
        AuthorEmails.format(entry.authorEmail().orElse(null))
                .ifPresent(author -> out.append("<author>").append(text(author)).append("</author>"));
        out.append("      <pubDate>").append(rfc822(entry.created())).append("</pubDate>\n    </item>");
    }

    private static byte[] end(StringBuilder out) {
        return out.append("  </channel>\n</rss>").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Drops what XML 1.0 cannot carry: C0 controls but tab and line breaks, U+FFFE, U+FFFF, lone surrogates. */
    private static String xmlChars(String value) {
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1));
            boolean allowed = pair || (c >= 0x20 && c <= 0xD7FF) || c == '\t' || c == '\n' || c == '\r'
                    || (c >= 0xE000 && c <= 0xFFFD);
            if (!allowed && out == null) {
                out = new StringBuilder(value.length()).append(value, 0, i);
            }
            if (out != null && allowed) {
                out.append(c);
                if (pair) {
                    out.append(value.charAt(++i));
                }
            } else if (pair) {
                i++;
            }
        }
        return out == null ? value : out.toString();
    }
}
