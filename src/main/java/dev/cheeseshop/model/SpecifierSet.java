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

    private record Clause(String operator, String version) {}

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
                clauses.add(new Clause(m.group(1), m.group(2)));
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
                holds = version != null && holds(clause.operator, version, clause.version);
            }
            if (!holds) {
                return false;
            }
        }
        return true;
    }

    private static boolean holds(String operator, Version prospective, String spec) {
        return switch (operator) {
            case "~=" -> compatible(prospective, spec);
            case "==" -> equal(prospective, spec);
            case "!=" -> !equal(prospective, spec);
            case "<=" -> publicOf(prospective).compareTo(Version.parse(spec)) <= 0;
            case ">=" -> publicOf(prospective).compareTo(Version.parse(spec)) >= 0;
            case "<" -> lessThan(prospective, Version.parse(spec));
            case ">" -> greaterThan(prospective, Version.parse(spec));
            default -> throw new IllegalStateException(operator);
        };
    }

    /** {@code ~=V}: {@code >=V} and {@code ==P.*}, P being V's release without its last part (suffixes ignored). */
    private static boolean compatible(Version prospective, String spec) {
        List<String> split = split(spec);
        int keep = 0;
        while (keep < split.size() && isNotSuffix(split.get(keep))) {
            keep++;
        }
        List<String> prefix = split.subList(0, Math.max(keep - 1, 0));
        String joined = prefix.isEmpty() ? "" : prefix.get(0) + "!" + String.join(".", prefix.subList(1, prefix.size()));
        return publicOf(prospective).compareTo(Version.parse(spec)) >= 0 && equal(prospective, joined + ".*");
    }

    private static boolean equal(Version prospective, String spec) {
        if (spec.endsWith(".*")) {
            List<String> splitSpec = split(Version.parse(spec.substring(0, spec.length() - 2)).publicVersion());
            List<String> splitProspective = split(prospective.publicVersion());
            int specNumeric = numericPrefix(splitSpec);
            int numeric = numericPrefix(splitProspective);
            List<String> padded = new ArrayList<>(splitProspective.subList(0, numeric));
            for (int i = numeric; i < specNumeric; i++) {
                padded.add("0");
            }
            padded.addAll(splitProspective.subList(numeric, splitProspective.size()));
            return padded.subList(0, Math.min(splitSpec.size(), padded.size())).equals(splitSpec);
        }
        Version specVersion = Version.parse(spec);
        Version compared = specVersion.hasLocal() ? prospective : publicOf(prospective);
        return compared.equals(specVersion);
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
