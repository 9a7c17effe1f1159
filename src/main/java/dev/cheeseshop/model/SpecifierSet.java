package dev.cheeseshop.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed set of PEP 440 version specifiers ({@code >=2,<3}, {@code ==1.4.*}, {@code ~=2.2}),
 * that answers whether it contains a version as {@code packaging.specifiers.SpecifierSet(text)
 * .contains(version, prereleases=True)} of packaging 26.2 does: every clause must hold, and
 * pre-releases are never excluded for being pre-releases (a policy is about what exists, not about
 * what pip would pick). Accepts what {@link VersionSpecifiers#isValid} accepts.
 */
public final class SpecifierSet {
    private static final Pattern CLAUSE = Pattern.compile("^\\s*(~=|===|==|!=|<=|>=|<|>)\\s*(\\S+)\\s*$");
    private static final Pattern PRE_SPLIT = Pattern.compile("([0-9]+)((?:a|b|c|rc)[0-9]+)");

    /**
     * One clause, with what its checks need worked out once: the version ({@code null} for
     * {@code ===} and wildcards), and for {@code ==V.*}, {@code !=V.*} and {@code ~=V} the split
     * prefix a version must start with.
     */
    private record Clause(String operator, String version, Version parsed, List<String> prefix) {
        static Clause of(String operator, String version) {
            if (operator.equals("===")) {
                return new Clause(operator, version, null, null);
            }
            if (version.endsWith(".*")) {
                return new Clause(operator, version, null, split(canonical(version.substring(0, version.length() - 2))));
            }
            Version parsed = Version.parse(version);
            if (!operator.equals("~=")) {
                return new Clause(operator, version, parsed, null);
            }
            // ~=V is >=V and ==P.*, P being V's parts before its suffixes (pre, post, dev) without the last
            List<String> parts = split(version);
            int keep = 0;
            while (keep < parts.size() && isNotSuffix(parts.get(keep))) {
                keep++;
            }
            List<String> p = parts.subList(0, Math.max(keep - 1, 0));
            String joined = p.isEmpty() ? "" : p.get(0) + "!" + String.join(".", p.subList(1, p.size()));
            return new Clause(operator, version, parsed, split(canonical(joined)));
        }
    }

    private final List<Clause> clauses;

    private SpecifierSet(List<Clause> clauses) {
        this.clauses = List.copyOf(clauses);
    }

    /** The set {@code text} writes, or empty when it is not a valid one. */
    public static Optional<SpecifierSet> parse(String text) {
        if (!VersionSpecifiers.isValid(text)) {
            return Optional.empty();
        }
        List<Clause> clauses = new ArrayList<>();
        for (String clause : text.split(",", -1)) {
            Matcher m = CLAUSE.matcher(clause);
            if (m.matches()) {
                clauses.add(Clause.of(m.group(1), m.group(2)));
            }
        }
        return Optional.of(new SpecifierSet(clauses));
    }

    /** True when the set has no clause (it contains every version). */
    public boolean isEmpty() {
        return clauses.isEmpty();
    }

    /**
     * Whether {@code versionText} (as written, for example in a filename) is in the set. Text that
     * is not a PEP 440 version can only match {@code ===} clauses, which compare text ignoring case.
     */
    public boolean contains(String versionText) {
        Version version = Version.tryParse(versionText).orElse(null);
        for (Clause clause : clauses) {
            boolean holds;
            if (clause.operator.equals("===")) {
                holds = versionText.toLowerCase(Locale.ROOT).equals(clause.version.toLowerCase(Locale.ROOT));
            } else {
                holds = version != null && holds(clause, version);
            }
            if (!holds) {
                return false;
            }
        }
        return true;
    }

    private static boolean holds(Clause clause, Version prospective) {
        return switch (clause.operator) {
            case "~=" -> publicOf(prospective).compareTo(clause.parsed) >= 0 && startsWith(prospective, clause.prefix);
            case "==" -> equal(prospective, clause);
            case "!=" -> !equal(prospective, clause);
            case "<=" -> publicOf(prospective).compareTo(clause.parsed) <= 0;
            case ">=" -> publicOf(prospective).compareTo(clause.parsed) >= 0;
            case "<" -> lessThan(prospective, clause.parsed);
            case ">" -> greaterThan(prospective, clause.parsed);
            default -> throw new IllegalStateException(clause.operator);
        };
    }

    private static boolean equal(Version prospective, Clause clause) {
        if (clause.prefix != null) {
            return startsWith(prospective, clause.prefix);
        }
        Version compared = clause.parsed.hasLocal() ? prospective : publicOf(prospective);
        return compared.equals(clause.parsed);
    }

    /** packaging's prefix match: the public version split, its release padded with zeros to the prefix's, cut to its length. */
    private static boolean startsWith(Version prospective, List<String> prefix) {
        List<String> parts = split(prospective.publicVersion());
        int numeric = numericPrefix(parts);
        List<String> padded = new ArrayList<>(parts.subList(0, numeric));
        for (int i = numeric; i < numericPrefix(prefix); i++) {
            padded.add("0");
        }
        padded.addAll(parts.subList(numeric, parts.size()));
        return padded.subList(0, Math.min(prefix.size(), padded.size())).equals(prefix);
    }

    /** packaging's {@code canonicalize_version(text, strip_trailing_zero=False)}: the normal form, or the text when it is not a version. */
    private static String canonical(String text) {
        return Version.tryParse(text).map(Version::toString).orElse(text);
    }

    private static boolean lessThan(Version prospective, Version spec) {
        if (prospective.compareTo(spec) >= 0) {
            return false;
        }
        // <V excludes V's own pre-releases unless V is one: everything from V.dev0 up
        Version earliest = new Version(spec.epoch(), spec.release(), spec.pre().orElse(null),
                spec.post().orElse(null), java.math.BigInteger.ZERO, null);
        return spec.isPrerelease() || !prospective.isPrerelease() || prospective.compareTo(earliest) < 0;
    }

    private static boolean greaterThan(Version prospective, Version spec) {
        if (prospective.compareTo(spec) <= 0) {
            return false;
        }
        if (!spec.isPostrelease() && prospective.isPostrelease()) {
            Version postBase = new Version(prospective.epoch(), prospective.release(), prospective.pre().orElse(null),
                    null, null, null);
            if (postBase.equals(spec)) {
                return false;
            }
        }
        return !(prospective.hasLocal() && publicOf(prospective).equals(spec));
    }

    private static Version publicOf(Version v) {
        return v.hasLocal()
                ? new Version(v.epoch(), v.release(), v.pre().orElse(null), v.post().orElse(null), v.dev().orElse(null), null)
                : v;
    }

    /** packaging's {@code _version_split}: the epoch (0 when absent), then dotted parts, {@code 1rc1} as {@code 1}, {@code rc1}. */
    private static List<String> split(String version) {
        List<String> result = new ArrayList<>();
        int bang = version.lastIndexOf('!');
        String epoch = bang < 0 ? "" : version.substring(0, bang);
        result.add(epoch.isEmpty() ? "0" : epoch);
        for (String item : version.substring(bang + 1).split("\\.", -1)) {
            Matcher m = PRE_SPLIT.matcher(item);
            if (m.matches()) {
                result.add(m.group(1));
                result.add(m.group(2));
            } else {
                result.add(item);
            }
        }
        return result;
    }

    private static boolean isNotSuffix(String segment) {
        for (String prefix : new String[] {"dev", "a", "b", "rc", "post"}) {
            if (segment.startsWith(prefix)) {
                return false;
            }
        }
        return true;
    }

    private static int numericPrefix(List<String> split) {
        int n = 0;
        while (n < split.size() && isDigits(split.get(n))) {
            n++;
        }
        return n;
    }

    /** Python's {@code str.isdigit()} for the ASCII text these parts are. */
    private static boolean isDigits(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** The clauses as written, without whitespace, joined by commas (for example {@code >=2,<3}). */
    @Override
    public String toString() {
        List<String> out = new ArrayList<>();
        clauses.forEach(c -> out.add(c.operator + c.version));
        return String.join(",", out);
    }
}
