package dev.cheeseshop.model;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A project's name as it was spelled (the display name) together with its PEP 503 normalised
 * form. Two names are equal when their normalised forms are.
 *
 * <p>Construction validates the name against PyPI's rule: ASCII letters and digits, with
 * {@code .}, {@code _} and {@code -} allowed inside but not at either end.
 */
public final class ProjectName {
    private static final Pattern SEPARATORS = Pattern.compile("[-_.]+");

    private final String display;
    private final String normalized;

    private ProjectName(String display) {
        this.display = display;
        this.normalized = normalize(display);
    }

    /** Parses a name, refusing anything outside PyPI's rule. */
    public static ProjectName of(String display) {
        if (display == null || !isValid(display)) {
            throw new IllegalArgumentException("invalid project name: " + display);
        }
        return new ProjectName(display);
    }

    /**
     * True when {@code name} follows PyPI's project-name rule,
     * {@code ^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$} case-insensitively (checked by hand: it
     * runs for every project row read).
     */
    public static boolean isValid(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        int last = name.length() - 1;
        if (!isAsciiLetterOrDigit(name.charAt(0)) || !isAsciiLetterOrDigit(name.charAt(last))) {
            return false;
        }
        for (int i = 1; i < last; i++) {
            char c = name.charAt(i);
            if (!isAsciiLetterOrDigit(c) && !isSeparator(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * PEP 503 normalisation of any text: runs of {@code -_.} become one {@code -}, and the
     * result is lower-cased. Works on invalid names too, which is what URL look-ups need. ASCII
     * text (every valid name) is done by hand, and returned as it is when already normalised;
     * other text goes through the regular expression and {@link String#toLowerCase(Locale)}.
     */
    public static String normalize(String name) {
        int length = name.length();
        boolean same = true;
        for (int i = 0; i < length; i++) {
            char c = name.charAt(i);
            if (c >= 0x80) {
                return SEPARATORS.matcher(name).replaceAll("-").toLowerCase(Locale.ROOT);
            }
            if ((c >= 'A' && c <= 'Z') || c == '_' || c == '.' || (c == '-' && i > 0 && isSeparator(name.charAt(i - 1)))) {
                same = false;
            }
        }
        if (same) {
            return name;
        }
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            char c = name.charAt(i);
            if (isSeparator(c)) {
                if (i == 0 || !isSeparator(name.charAt(i - 1))) {
                    out.append('-');
                }
            } else {
                out.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
            }
        }
        return out.toString();
    }

    private static boolean isSeparator(char c) {
        return c == '-' || c == '_' || c == '.';
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    /** The name as the project spells it (for example {@code Foo.Bar}). */
    public String display() {
        return display;
    }

    /** The PEP 503 form (for example {@code foo-bar}). */
    public String normalized() {
        return normalized;
    }

    /** The form wheels and sdists use in filenames (for example {@code foo_bar}). */
    public String filenameForm() {
        return normalized.replace('-', '_');
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProjectName other && other.normalized.equals(normalized);
    }

    @Override
    public int hashCode() {
        return normalized.hashCode();
    }

    @Override
    public String toString() {
        return display;
    }
}
