package dev.cheeseshop.proxy.policy;

import dev.cheeseshop.model.ProjectName;
import dev.cheeseshop.model.SpecifierSet;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One entry of an allow or deny list: a project's name and optional PEP 440 version specifiers,
 * written as in PEP 508 without extras, markers or a URL ({@code requests}, {@code urllib3>=2},
 * {@code requests < 2.20}, {@code numpy (>=1.26, <2)}).
 *
 * @param text           the entry without whitespace or parentheses ({@code requests<2.20}): the
 *                       detail of the decisions it makes
 * @param normalizedName the project's PEP 503 name
 * @param specifiers     the versions it names; empty for the whole project
 */
public record PolicyEntry(String text, String normalizedName, Optional<SpecifierSet> specifiers) {
    private static final Pattern ENTRY = Pattern.compile("([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\\s*(.*)",
            Pattern.DOTALL);

    /** Whether the entry names every version of its project. */
    public boolean wholeProject() {
        return specifiers.isEmpty();
    }

    /** Whether the entry names this version (as written in a filename; null when it could not be read). */
    public boolean names(String version) {
        return specifiers.isEmpty() || (version != null && specifiers.get().contains(version));
    }

    /**
     * Parses an entry.
     *
     * @throws IllegalArgumentException with what is wrong (the caller names the file and the entry)
     */
    static PolicyEntry parse(String entry) {
        String s = entry.strip();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new IllegalArgumentException("only printable ASCII is allowed");
            }
        }
        Matcher m = ENTRY.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a project name (letters, digits and . _ - inside)");
        }
        String name = m.group(1);
        String rest = m.group(2).strip();
        if (rest.startsWith("[")) {
            throw new IllegalArgumentException("extras are not allowed, only a name and version specifiers");
        }
        if (rest.contains(";")) {
            throw new IllegalArgumentException("environment markers are not allowed, only a name and version specifiers");
        }
        if (rest.startsWith("@")) {
            throw new IllegalArgumentException("a URL is not allowed, only a name and version specifiers");
        }
        if (rest.startsWith("(") && rest.endsWith(")")) {
            rest = rest.substring(1, rest.length() - 1).strip();
            if (rest.isEmpty()) {
                throw new IllegalArgumentException("empty parentheses");
            }
        }
        if (rest.isEmpty()) {
            return new PolicyEntry(name, ProjectName.normalize(name), Optional.empty());
        }
        for (String clause : rest.split(",", -1)) {
            if (clause.isBlank()) {
                throw new IllegalArgumentException("an empty clause between commas");
            }
        }
        String written = rest;
        SpecifierSet specifiers = SpecifierSet.parse(written).orElseThrow(() -> new IllegalArgumentException(
                "'" + written + "' is not a valid PEP 440 version specifier"));
        return new PolicyEntry(name + specifiers, ProjectName.normalize(name), Optional.of(specifiers));
    }
}
