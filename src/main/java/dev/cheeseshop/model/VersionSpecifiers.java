package dev.cheeseshop.model;

import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEP 440 version specifiers such as {@code >=3.8,<4} (the syntax of Requires-Python), checked
 * the way {@code packaging.specifiers.SpecifierSet} accepts them.
 */
public final class VersionSpecifiers {
    private static final Pattern CLAUSE = Pattern.compile("^\\s*(~=|===|==|!=|<=|>=|<|>)\\s*(\\S+)\\s*$");

    private VersionSpecifiers() {}

    /**
     * True when {@code text} is a valid specifier set (the empty set included). Empty clauses are
     * skipped, as {@code packaging}'s {@code SpecifierSet} skips them ({@code ">=3.8,"} is valid).
     */
    public static boolean isValid(String text) {
        if (text == null) {
            return false;
        }
        for (String clause : text.split(",", -1)) {
            if (clause.isBlank()) {
                continue;
            }
            if (!isValidClause(clause)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The specifier set as {@code str(SpecifierSet(text))} writes it, which is how PyPI stores and
     * shows Requires-Python: each clause without whitespace, duplicates dropped, sorted, joined by
     * commas ({@code ">= 3.8, <4"} is {@code "<4,>=3.8"}). Text that is not a valid set is
     * answered unchanged.
     */
    public static String normalize(String text) {
        if (!isValid(text)) {
            return text;
        }
        TreeSet<String> clauses = new TreeSet<>();
        for (String clause : text.split(",", -1)) {
            Matcher m = CLAUSE.matcher(clause);
            if (m.matches()) {
                clauses.add(m.group(1) + m.group(2));
            }
        }
        return String.join(",", clauses);
    }

    private static boolean isValidClause(String clause) {
        Matcher m = CLAUSE.matcher(clause);
        if (!m.matches()) {
            return false;
        }
        String operator = m.group(1);
        String version = m.group(2);
        switch (operator) {
            case "===":
                return true;
            case "==":
            case "!=":
                if (version.endsWith(".*")) {
                    return Version.tryParse(version.substring(0, version.length() - 2))
                            .filter(v -> !v.hasLocal() && !v.isDevrelease() && !v.isPostrelease()
                                    && !v.isPrerelease())
                            .isPresent();
                }
                return Version.tryParse(version).isPresent();
            case "~=":
                return Version.tryParse(version)
                        .filter(v -> !v.hasLocal() && v.release().size() >= 2)
                        .isPresent();
            default:
                return Version.tryParse(version).filter(v -> !v.hasLocal()).isPresent();
        }
    }
}
