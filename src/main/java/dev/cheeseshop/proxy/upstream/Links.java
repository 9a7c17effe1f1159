package dev.cheeseshop.proxy.upstream;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * What both page forms share about a file's link: its URL resolved against the page, its sha256
 * read strictly (64 hex digits, lower-cased), and whether its filename is one this server can keep
 * and serve under that name.
 */
final class Links {
    private Links() {}

    /**
     * {@code href} resolved against {@code base}, the fragment and any user information dropped
     * (never sent, and never to be kept); empty when it is no {@code http}/{@code https} URL with a
     * host. Characters a URL may not hold (spaces, non-ASCII)
     * are percent-encoded first, as a browser does.
     */
    static Optional<URI> resolve(URI base, String href) {
        String text = href.strip();
        if (text.isEmpty() || text.startsWith("#")) {
            return Optional.empty();
        }
        URI ref;
        try {
            ref = new URI(encodeIllegal(text));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        URI absolute;
        try {
            absolute = base.resolve(ref);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String scheme = absolute.getScheme() == null ? "" : absolute.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || absolute.getHost() == null) {
            return Optional.empty();
        }
        if (absolute.getRawUserInfo() != null) {
            try {
                absolute = new URI(scheme + "://" + absolute.getRawAuthority()
                        .substring(absolute.getRawUserInfo().length() + 1)
                        + (absolute.getRawPath() == null ? "" : absolute.getRawPath())
                        + (absolute.getRawQuery() == null ? "" : "?" + absolute.getRawQuery()));
            } catch (URISyntaxException e) {
                return Optional.empty();
            }
        }
        String s = absolute.toString();
        int hash = s.indexOf('#');
        return Optional.of(hash < 0 ? absolute : URI.create(s.substring(0, hash)));
    }

    /** The sha256 a link's fragment gives ({@code #sha256=<hex>}, among {@code &}-separated pairs). */
    static Optional<String> fragmentSha256(String href) {
        int hash = href.indexOf('#');
        if (hash < 0) {
            return Optional.empty();
        }
        for (String pair : href.substring(hash + 1).split("&")) {
            if (pair.startsWith("sha256=")) {
                return sha256(pair.substring("sha256=".length()));
            }
        }
        return Optional.empty();
    }

    /** {@code hex} as a sha256, lower-cased, when it is exactly 64 hexadecimal digits. */
    static Optional<String> sha256(String hex) {
        if (hex == null) {
            return Optional.empty();
        }
        String text = hex.strip();
        if (text.length() != 64) {
            return Optional.empty();
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.digit(text.charAt(i), 16) < 0) {
                return Optional.empty();
            }
        }
        return Optional.of(text.toLowerCase(Locale.ROOT));
    }

    /**
     * A PEP 658/714 attribute of an HTML link ({@code data-core-metadata},
     * {@code data-dist-info-metadata}): {@code sha256=<hex>} gives the hash; {@code true}, another
     * hash name or anything else gives none, and metadata without a sha256 is treated as not offered.
     */
    static Optional<String> metadataAttribute(String value) {
        String text = value.strip();
        if (text.regionMatches(true, 0, "sha256=", 0, "sha256=".length())) {
            return sha256(text.substring("sha256=".length()));
        }
        return Optional.empty();
    }

    /**
     * The last segment of the URL's path, percent-decoded: the filename when a link's text gives
     * none.
     */
    static String lastSegment(URI url) {
        String path = url.getPath() == null ? "" : url.getPath();
        int slash = path.lastIndexOf('/');
        return path.substring(slash + 1);
    }

    /**
     * Whether {@code filename} can name a kept file: not empty, at most 255 characters, no path
     * separator, no control character, not starting with a dot. A link with any other filename is
     * left out of the page.
     */
    static boolean safeFilename(String filename) {
        if (filename.isEmpty() || filename.length() > 255 || filename.startsWith(".")) {
            return false;
        }
        for (int i = 0; i < filename.length(); i++) {
            char c = filename.charAt(i);
            if (c == '/' || c == '\\' || Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                return false;
            }
        }
        return true;
    }

    /**
     * Refuses a page of a Simple API major version other than 1 (PEP 629: JSON {@code meta.api-version},
     * HTML {@code <meta name="pypi:repository-version">}); a later 1.x is read as 1.0, and a version
     * that is not {@code <major>.<minor>} is ignored, as pip does with a missing one.
     */
    static void checkApiVersion(String version) throws UnreadablePage {
        String text = version.strip();
        int dot = text.indexOf('.');
        String major = dot < 0 ? text : text.substring(0, dot);
        if (major.isEmpty() || !major.chars().allMatch(c -> c >= '0' && c <= '9') || major.length() > 6) {
            return;
        }
        if (Integer.parseInt(major) != 1) {
            throw new UnreadablePage("Simple API version " + Messages.clean(text) + " is not supported (only 1.x)");
        }
    }

    /** Percent-encodes what a URI may not contain (spaces, non-ASCII, {@code "<>\^`{|}}), keeping the rest. */
    private static String encodeIllegal(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean illegal = c <= ' ' || c >= 0x7f || "\"<>\\^`{|}".indexOf(c) >= 0;
            if (!illegal) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            int end = Character.isHighSurrogate(c) && i + 1 < text.length() ? i + 2 : i + 1;
            for (byte b : text.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
            i = end - 1;
        }
        return out == null ? text : out.toString();
    }
}
