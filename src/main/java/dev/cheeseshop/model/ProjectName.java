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
    private static final Pattern VALID =
            Pattern.compile("^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$", Pattern.CASE_INSENSITIVE);
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

    /** True when {@code name} follows PyPI's project-name rule. */
    public static boolean isValid(String name) {
        return name != null && VALID.matcher(name).matches();
    }

    /**
     * PEP 503 normalisation of any text: runs of {@code -_.} become one {@code -}, and the
     * result is lower-cased. Works on invalid names too, which is what URL look-ups need.
     */
    public static String normalize(String name) {
        return SEPARATORS.matcher(name).replaceAll("-").toLowerCase(Locale.ROOT);
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
