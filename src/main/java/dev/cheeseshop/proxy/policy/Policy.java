package dev.cheeseshop.proxy.policy;

import dev.cheeseshop.dist.DistFilename;
import dev.cheeseshop.model.TimeSpan;
import dev.cheeseshop.model.UpstreamFile;
import dev.cheeseshop.proxy.ProxyPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One policy, as a policy file gives it, immutable. The rules, in this order:
 *
 * <ol>
 *   <li>{@code deny}: a deny entry without specifiers names the project (all of it is refused), or
 *       one with specifiers contains the file's version;
 *   <li>{@code not-allowed}: an allow list exists and does not name the project, or names it only
 *       with specifiers that do not contain the file's version;
 *   <li>{@code unknown-age}: a minimum age is set and the file has no upload time;
 *   <li>{@code min-age}: the file was uploaded less than the minimum age before now (a file exactly
 *       that old is allowed);
 *   <li>else allowed: {@code allow} when an allow entry named it, {@code default} otherwise.
 * </ol>
 *
 * A file's version is read from its filename ({@link DistFilename#version}); a file whose version
 * cannot be read matches only entries without specifiers. Specifiers contain pre-releases like any
 * other version ({@link dev.cheeseshop.model.SpecifierSet}). The minimum age is the file's
 * {@code min-age}, else the server's default ({@code serve --upstream-min-age}); zero is none.
 */
public final class Policy implements ProxyPolicy {
    public static final String DEFAULT = "default";
    public static final String ALLOW = "allow";
    public static final String DENY = "deny";
    public static final String NOT_ALLOWED = "not-allowed";
    public static final String MIN_AGE = "min-age";
    public static final String UNKNOWN_AGE = "unknown-age";
    /** Every rule a decision may name (held equal to {@code metrics.Metrics.POLICY_RULES} by a test). */
    public static final List<String> RULES = List.of(DEFAULT, ALLOW, DENY, NOT_ALLOWED, MIN_AGE, UNKNOWN_AGE);

    /** The longest detail a decision carries. */
    private static final int MAX_DETAIL = 160;

    /** No lists and no minimum age of its own. */
    public static final Policy EMPTY = new Policy(Optional.empty(), List.of(), Optional.empty(), Duration.ZERO);

    private final Optional<List<PolicyEntry>> allowList;
    private final List<PolicyEntry> denyList;
    private final Optional<Duration> minAge;
    private final Duration defaultMinAge;
    private final Optional<Map<String, List<PolicyEntry>>> allow;
    private final Map<String, List<PolicyEntry>> deny;

    /**
     * @param allow         the allow list, empty when the file has none (present and empty: nothing
     *                      comes from the upstream)
     * @param deny          the deny list
     * @param minAge        the file's minimum age, if it sets one
     * @param defaultMinAge the minimum age when the file sets none (zero: none)
     */
    public Policy(Optional<List<PolicyEntry>> allow, List<PolicyEntry> deny, Optional<Duration> minAge,
            Duration defaultMinAge) {
        this.allowList = allow.map(List::copyOf);
        this.denyList = List.copyOf(deny);
        this.minAge = Objects.requireNonNull(minAge, "minAge");
        this.defaultMinAge = Objects.requireNonNull(defaultMinAge, "defaultMinAge");
        this.allow = allowList.map(Policy::byName);
        this.deny = byName(denyList);
    }

    private static Map<String, List<PolicyEntry>> byName(List<PolicyEntry> entries) {
        return Map.copyOf(entries.stream().collect(Collectors.groupingBy(PolicyEntry::normalizedName,
                LinkedHashMap::new, Collectors.toUnmodifiableList())));
    }

    /** This policy with {@code defaultMinAge} as the minimum age when the file sets none. */
    public Policy withDefaultMinAge(Duration defaultMinAge) {
        return new Policy(allowList, denyList, minAge, defaultMinAge);
    }

    /** The minimum age applied: the file's, else the default; zero when none. */
    public Duration effectiveMinAge() {
        return minAge.orElse(defaultMinAge);
    }

    /** Whether a minimum age is in force (the file's, else the default; zero is none). */
    @Override
    public boolean needsUploadTimes() {
        Duration min = effectiveMinAge();
        return !min.isZero() && !min.isNegative();
    }

    @Override
    public Decision project(String normalizedName) {
        for (PolicyEntry entry : deny.getOrDefault(normalizedName, List.of())) {
            if (entry.wholeProject()) {
                return decision(false, DENY, entry.text());
            }
        }
        if (allow.isPresent()) {
            List<PolicyEntry> entries = allow.get().get(normalizedName);
            if (entries == null) {
                return decision(false, NOT_ALLOWED, "not in the allow list");
            }
            return decision(true, ALLOW, joined("", entries));
        }
        return Decision.ALLOWED;
    }

    @Override
    public Decision file(String normalizedName, UpstreamFile file, Instant now) {
        Decision byName = project(normalizedName);
        if (!byName.allowed()) {
            return byName;
        }
        String version = DistFilename.version(normalizedName, file.filename()).orElse(null);
        for (PolicyEntry entry : deny.getOrDefault(normalizedName, List.of())) {
            if (entry.names(version)) {
                return decision(false, DENY, entry.text());
            }
        }
        Optional<PolicyEntry> allowedBy = Optional.empty();
        if (allow.isPresent()) {
            List<PolicyEntry> entries = allow.get().get(normalizedName);
            allowedBy = entries.stream().filter(entry -> entry.names(version)).findFirst();
            if (allowedBy.isEmpty()) {
                return decision(false, NOT_ALLOWED, joined("allowed only ", entries));
            }
        }
        Duration min = effectiveMinAge();
        if (needsUploadTimes()) {
            if (file.uploadTime().isEmpty()) {
                return decision(false, UNKNOWN_AGE, "no upload time, min-age " + TimeSpan.format(min));
            }
            Duration age = Duration.between(file.uploadTime().get(), now);
            if (age.compareTo(min) < 0) {
                return decision(false, MIN_AGE, "age " + TimeSpan.format(age) + " < " + TimeSpan.format(min));
            }
        }
        return allowedBy.map(entry -> decision(true, ALLOW, entry.text())).orElse(Decision.ALLOWED);
    }

    private static String joined(String prefix, List<PolicyEntry> entries) {
        return prefix + entries.stream().map(PolicyEntry::text).collect(Collectors.joining(" or "));
    }

    /** A decision whose detail is cut to {@link #MAX_DETAIL} characters (entries are printable ASCII already). */
    private static Decision decision(boolean allowed, String rule, String detail) {
        return new Decision(allowed, rule, detail.length() <= MAX_DETAIL ? detail
                : detail.substring(0, MAX_DETAIL - 3) + "...");
    }

    /** The policy as {@code cheeseshop policy check} prints it: its lists, one entry a line, and its minimum age. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        if (allowList.isEmpty()) {
            lines.add("allow: no list (any project not denied may come from the upstream)");
        } else {
            lines.add("allow: " + count(allowList.get()) + (allowList.get().isEmpty()
                    ? " (nothing comes from the upstream)" : ", only these come from the upstream:"));
            allowList.get().forEach(entry -> lines.add("  " + entry.text()));
        }
        lines.add("deny: " + count(denyList) + (denyList.isEmpty() ? "" : ":"));
        denyList.forEach(entry -> lines.add("  " + entry.text()));
        lines.add("min-age: " + minAge.map(TimeSpan::format)
                .map(age -> age + (minAge.get().isZero() ? " (none, whatever serve --upstream-min-age says)" : ""))
                .orElse("not set (serve --upstream-min-age applies)"));
        return lines;
    }

    private static String count(List<PolicyEntry> entries) {
        return entries.size() + (entries.size() == 1 ? " entry" : " entries");
    }
}
