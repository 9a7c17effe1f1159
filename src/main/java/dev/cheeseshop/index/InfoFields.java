package dev.cheeseshop.index;

import dev.cheeseshop.model.ReleaseMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code info} values pypi.org derives from a release's core metadata rather than showing
 * as uploaded. The metadata is keyed by upload-form field name ({@code keywords},
 * {@code project_urls}, ...).
 */
final class InfoFields {
    /** Python's {@code string.punctuation + string.whitespace}, removed from labels by PEP 753. */
    private static final String LABEL_NOISE = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ \t\n\r\013\f";

    private InfoFields() {}

    /** The keywords split at commas, each stripped, joined again with {@code ", "}; null when none. */
    static String keywords(ReleaseMetadata metadata) {
        return metadata.first("keywords").map(text -> {
            List<String> words = new ArrayList<>();
            for (String word : text.split(",", -1)) {
                words.add(word.strip());
            }
            return String.join(", ", words);
        }).orElse(null);
    }

    /**
     * {@code project_urls} as Warehouse's {@code Release.urls} builds it: {@code Homepage} from
     * Home-page and {@code Download} from Download-URL first, then each Project-URL by label,
     * except a label that normalises (PEP 753) to "homepage" or "downloadurl" and repeats the
     * same URL; null when there is none. Keys are not sorted here.
     */
    static Map<String, String> projectUrls(ReleaseMetadata metadata) {
        Map<String, String> urls = new LinkedHashMap<>();
        metadata.first("home_page").ifPresent(url -> urls.put("Homepage", url));
        metadata.first("download_url").ifPresent(url -> urls.put("Download", url));
        for (String entry : metadata.all("project_urls")) {
            int comma = entry.indexOf(',');
            String label = (comma < 0 ? entry : entry.substring(0, comma)).strip();
            String url = comma < 0 ? "" : entry.substring(comma + 1).strip();
            String normalized = normalizeLabel(label);
            if ((normalized.equals("homepage") && url.equals(urls.get("Homepage")))
                    || (normalized.equals("downloadurl") && url.equals(urls.get("Download")))) {
                continue;
            }
            urls.put(label, url);
        }
        return urls.isEmpty() ? null : urls;
    }

    /** A Project-URL label without punctuation and whitespace, in lower case (PEP 753). */
    static String normalizeLabel(String label) {
        StringBuilder out = new StringBuilder(label.length());
        label.codePoints().filter(c -> LABEL_NOISE.indexOf(c) < 0).forEach(out::appendCodePoint);
        return out.toString().toLowerCase(Locale.ROOT);
    }

    /** The classifiers once each, in trove order (natural order); an empty list when none. */
    static List<String> classifiers(ReleaseMetadata metadata) {
        return new LinkedHashSet<>(metadata.all("classifiers")).stream().sorted(NaturalOrder.INSTANCE).toList();
    }

    /** The Dynamic field names title-cased as Warehouse stores them ({@code License-File}); null when none. */
    static List<String> dynamic(ReleaseMetadata metadata) {
        List<String> names = metadata.all("dynamic");
        return names.isEmpty() ? null : names.stream().map(InfoFields::title).toList();
    }

    /** The values of a multiple-use field, or null when there are none. */
    static List<String> listOrNull(ReleaseMetadata metadata, String key) {
        List<String> values = metadata.all(key);
        return values.isEmpty() ? null : values;
    }

    /** Python's {@code str.title()}: a cased letter after an uncased character starts a word. */
    static String title(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean previousCased = false;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            out.appendCodePoint(previousCased ? Character.toLowerCase(c) : Character.toTitleCase(c));
            previousCased = Character.isUpperCase(c) || Character.isLowerCase(c) || Character.isTitleCase(c);
            i += Character.charCount(c);
        }
        return out.toString();
    }
}
