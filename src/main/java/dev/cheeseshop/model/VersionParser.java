package dev.cheeseshop.model;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns text into a {@link Version}, following {@code packaging.version.Version} (packaging
 * 26.x on CPython 3.11.5+, which uses possessive quantifiers) character for character.
 */
final class VersionParser {
    /** Longest text {@link #parse} looks at; see {@link Version#parse(String)} for why. */
    static final int MAX_LENGTH = 256;

    /**
     * Python's {@code \s} on str patterns, which is {@code str.isspace()}: wider than Java's
     * {@code \s} (U+001C..U+001F, U+0085, no-break spaces...). Only the surrounding whitespace is
     * matched in Unicode mode by packaging; everything else is ASCII-only.
     */
    private static final String WHITESPACE = "[\\t\\n\\u000B\\f\\r\\u001C-\\u001F \\u0085\\u00A0"
            + "\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000]*";

    /** The VERSION_PATTERN of PEP 440 Appendix B as packaging spells it, anchored by matches(). */
    private static final Pattern PATTERN = Pattern.compile(
            WHITESPACE
                    + "v?+"
                    + "(?:(?<epoch>[0-9]+)!)?+"
                    + "(?<release>[0-9]+(?:\\.[0-9]+)*+)"
                    + "(?<pre>[._-]?+(?<preL>alpha|a|beta|b|preview|pre|c|rc)[._-]?+(?<preN>[0-9]+)?)?+"
                    + "(?<post>-(?<postN1>[0-9]+)|[._-]?(?<postL>post|rev|r)[._-]?(?<postN2>[0-9]+)?)?+"
                    + "(?<dev>[._-]?+(?<devL>dev)[._-]?+(?<devN>[0-9]+)?)?+"
                    + "(?:\\+(?<local>[a-z0-9]+(?:[._-][a-z0-9]+)*+))?+"
                    + WHITESPACE,
            Pattern.CASE_INSENSITIVE); // without UNICODE_CASE: ASCII-only, like packaging's (?a:)

    private static final Pattern LOCAL_SEPARATOR = Pattern.compile("[._-]");
    private static final Pattern LEADING_ZEROS = Pattern.compile("^0+(?=.)");

    private VersionParser() {}

    /** Parses or throws with PyPI's message; see {@link Version#parse(String)}. */
    static Version parse(String text) {
        Version version = parseOrNull(text);
        if (version == null) {
            String quoted = text == null ? "'None'" : pythonRepr(text);
            throw new IllegalArgumentException(quoted + " is invalid for 'version'");
        }
        return version;
    }

    /** The version, or null when {@code text} is null, too long or invalid. */
    static Version parseOrNull(String text) {
        if (text == null || text.length() > MAX_LENGTH) {
            return null;
        }
        Matcher m = PATTERN.matcher(text);
        if (!m.matches()) {
            return null;
        }
        BigInteger epoch = m.group("epoch") == null ? BigInteger.ZERO : number(m.group("epoch"));
        List<BigInteger> release = new ArrayList<>();
        for (String part : m.group("release").split("\\.")) {
            release.add(number(part));
        }
        Version.PreRelease pre = null;
        if (m.group("preL") != null) {
            pre = new Version.PreRelease(preLabel(m.group("preL")), numberOrZero(m.group("preN")));
        }
        BigInteger post = null;
        if (m.group("postN1") != null) {
            post = number(m.group("postN1"));
        } else if (m.group("postL") != null) {
            post = numberOrZero(m.group("postN2"));
        }
        BigInteger dev = m.group("devL") == null ? null : numberOrZero(m.group("devN"));
        List<String> local = m.group("local") == null ? null : localParts(m.group("local"));
        return new Version(epoch, release, pre, post, dev, local);
    }

    private static String preLabel(String spelling) {
        return switch (spelling.toLowerCase(Locale.ROOT)) {
            case "a", "alpha" -> "a";
            case "b", "beta" -> "b";
            default -> "rc"; // c, rc, pre, preview
        };
    }

    /** Lower-cases each part and writes all-digit parts as integers ({@code 007} becomes {@code 7}). */
    private static List<String> localParts(String local) {
        List<String> parts = new ArrayList<>();
        for (String part : LOCAL_SEPARATOR.split(local)) {
            parts.add(isNumeric(part)
                    ? LEADING_ZEROS.matcher(part).replaceFirst("")
                    : part.toLowerCase(Locale.ROOT));
        }
        return parts;
    }

    /**
     * Orders two local parts as produced by {@link #localParts}: numbers numerically and after
     * strings, strings lexically (they are lower-case ASCII).
     */
    static int compareLocalParts(String x, String y) {
        boolean xNumeric = isNumeric(x);
        boolean yNumeric = isNumeric(y);
        if (xNumeric && yNumeric) {
            // Written without leading zeros, so length then digits is numeric order.
            int byLength = Integer.compare(x.length(), y.length());
            return byLength != 0 ? byLength : x.compareTo(y);
        }
        return xNumeric == yNumeric ? x.compareTo(y) : (xNumeric ? 1 : -1);
    }

    /** True when a (non-empty) local part is all ASCII digits, like Python's str.isdigit there. */
    private static boolean isNumeric(String part) {
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static BigInteger number(String digits) {
        return new BigInteger(digits);
    }

    private static BigInteger numberOrZero(String digits) {
        return digits == null ? BigInteger.ZERO : number(digits);
    }

    /**
     * Python's {@code repr()} of a str, which is how PyPI quotes the offending value: single
     * quotes unless the text holds a single quote and no double quote; backslash escapes for the
     * quote, backslash, tab, newline and carriage return; hex escapes for other control and
     * non-printable characters (judged by the JDK's Unicode tables, which may trail Python's).
     */
    static String pythonRepr(String text) {
        char quote = text.indexOf('\'') >= 0 && text.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder out = new StringBuilder(text.length() + 2).append(quote);
        text.codePoints().forEach(cp -> {
            if (cp == quote || cp == '\\') {
                out.append('\\').appendCodePoint(cp);
            } else if (cp == '\t') {
                out.append("\\t");
            } else if (cp == '\n') {
                out.append("\\n");
            } else if (cp == '\r') {
                out.append("\\r");
            } else if (cp < ' ' || cp == 0x7F || (cp > 0x7F && !isPrintable(cp))) {
                out.append(cp <= 0xFF ? String.format("\\x%02x", cp)
                        : cp <= 0xFFFF ? String.format("\\u%04x", cp)
                        : String.format("\\U%08x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.append(quote).toString();
    }

    /** Python's str.isprintable() for one non-ASCII code point: not in Cc, Cf, Cs, Co, Cn, Z*. */
    private static boolean isPrintable(int cp) {
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                    Character.UNASSIGNED, Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR -> false;
            default -> true;
        };
    }
}
