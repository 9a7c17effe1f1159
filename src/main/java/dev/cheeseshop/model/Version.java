package dev.cheeseshop.model;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A PEP 440 version, parsed, normalised and ordered exactly as Python's {@code packaging}
 * library ({@code packaging.version.Version}) does it, which is what pip and PyPI use.
 *
 * <p>Instances are immutable. Equality follows the PEP 440 ordering rather than the text:
 * {@code 1.0}, {@code 1.0.0} and {@code v1.0} are equal (their {@link #toString()} forms still
 * differ where the release segments do), and {@code 1.0c1} equals {@code 1.0rc1}. Numeric
 * components are {@link BigInteger}s, so no version overflows.
 */
public final class Version implements Comparable<Version> {

    /**
     * The pre-release segment of a version.
     *
     * @param label  {@code a}, {@code b} or {@code rc} (other spellings are normalised away)
     * @param number the pre-release number, {@code 0} when the text left it implicit
     */
    public record PreRelease(String label, BigInteger number) {
        /** @throws IllegalArgumentException unless label is a, b or rc and number is not negative */
        public PreRelease {
            if (!List.of("a", "b", "rc").contains(label) || number.signum() < 0) {
                throw new IllegalArgumentException("not a pre-release: " + label + number);
            }
        }

        /** The normal form, for example {@code rc1}. */
        @Override
        public String toString() {
            return label + number;
        }

        private int rank() {
            return switch (label) {
                case "a" -> 0;
                case "b" -> 1;
                default -> 2;
            };
        }
    }

    private final BigInteger epoch;
    private final List<BigInteger> release;
    private final int significantLength; // release length once trailing zeros are dropped
    private final PreRelease pre;
    private final BigInteger post;
    private final BigInteger dev;
    private final List<String> local; // numeric parts written without leading zeros
    private final String text;
    private final int hash;

    Version(BigInteger epoch, List<BigInteger> release, PreRelease pre, BigInteger post,
            BigInteger dev, List<String> local) {
        if (release.isEmpty()) {
            throw new IllegalArgumentException("release must have at least one component");
        }
        this.epoch = epoch;
        this.release = List.copyOf(release);
        int n = this.release.size();
        while (n > 0 && this.release.get(n - 1).signum() == 0) {
            n--;
        }
        this.significantLength = n;
        this.pre = pre;
        this.post = post;
        this.dev = dev;
        this.local = local == null ? null : List.copyOf(local);
        this.text = format(this.release.size(), true);
        this.hash = Objects.hash(epoch, this.release.subList(0, n), pre, post, dev, this.local);
    }

    /**
     * Parses a version in the permissive syntax of PEP 440 Appendix B that {@code packaging}
     * accepts: surrounding whitespace, a leading {@code v}, alternative spellings and separators,
     * implicit numbers, any letter case. The result is normalised (see {@link #toString()}).
     *
     * <p>Text longer than 256 characters is refused even where {@code packaging} would accept
     * it. No real version is that long, and the text comes from untrusted uploads and URLs:
     * converting digits to a {@link BigInteger} takes time quadratic in their count (seconds for
     * a megabyte of digits). packaging has a cap of its own, Python's 4300-digit limit on
     * {@code int()}.
     *
     * @throws IllegalArgumentException if {@code text} is not a valid version, with the message
     *     PyPI gives, {@code '<text>' is invalid for 'version'} (the text quoted as Python's
     *     {@code repr} would, {@code 'None'} for null)
     */
    public static Version parse(String text) {
        return VersionParser.parse(text);
    }

    /** Like {@link #parse(String)}, but empty instead of throwing for invalid (or null) text. */
    public static Optional<Version> tryParse(String text) {
        return Optional.ofNullable(VersionParser.parseOrNull(text));
    }

    /** True when {@link #parse(String)} would accept {@code text}. */
    public static boolean isValid(String text) {
        return VersionParser.parseOrNull(text) != null;
    }

    /**
     * {@code packaging.utils.canonicalize_version(text)}: the {@link #canonical()} form of a valid
     * version, and any other text returned unchanged.
     *
     * @throws NullPointerException if {@code text} is null
     */
    public static String canonicalize(String text) {
        Objects.requireNonNull(text, "text");
        return tryParse(text).map(Version::canonical).orElse(text);
    }

    /** The epoch ({@code N!}), zero when absent. */
    public BigInteger epoch() {
        return epoch;
    }

    /** The release segment's components as written (trailing zeros kept); never empty. */
    public List<BigInteger> release() {
        return release;
    }

    /** The pre-release segment ({@code a}, {@code b} or {@code rc} and a number), if any. */
    public Optional<PreRelease> pre() {
        return Optional.ofNullable(pre);
    }

    /** The post-release number, if any. */
    public Optional<BigInteger> post() {
        return Optional.ofNullable(post);
    }

    /** The development release number, if any. */
    public Optional<BigInteger> dev() {
        return Optional.ofNullable(dev);
    }

    /** The local version label in normal form (for example {@code ubuntu.1}), if any. */
    public Optional<String> local() {
        return local == null ? Optional.empty() : Optional.of(String.join(".", local));
    }

    /** True when the version has a pre-release or a development release segment. */
    public boolean isPrerelease() {
        return pre != null || dev != null;
    }

    /** True when the version has a development release segment. */
    public boolean isDevrelease() {
        return dev != null;
    }

    /** True when the version has a post-release segment. */
    public boolean isPostrelease() {
        return post != null;
    }

    /** True when the version has a local version label. */
    public boolean hasLocal() {
        return local != null;
    }

    /** The normal form without the local label ({@code packaging}'s {@code public}). */
    public String publicVersion() {
        return format(release.size(), false);
    }

    /** This version's epoch and release alone; its string is {@code packaging}'s base_version. */
    public Version baseVersion() {
        return new Version(epoch, release, null, null, null, null);
    }

    /**
     * The canonical form, as {@code packaging.utils.canonicalize_version} gives it by default:
     * the normal form with trailing zero components of the release dropped, keeping at least
     * one ({@code 1.0.0} is {@code 1}, {@code 1.0.0rc1} is {@code 1rc1}, {@code 0.0} is {@code
     * 0}). Two versions are {@linkplain #equals equal} exactly when their canonical forms are.
     */
    public String canonical() {
        return format(Math.max(significantLength, 1), true);
    }

    /**
     * Orders by PEP 440, as {@code packaging}'s {@code _cmpkey}: epoch; release with trailing
     * zeros ignored; a development release with no pre- or post-release before every
     * pre-release; pre-release ({@code a < b < rc}, none last); post-release (none first);
     * development release (none last); then the local label (none first, segment by segment,
     * numbers after strings, a shorter label before its extensions).
     */
    @Override
    public int compareTo(Version other) {
        int c = epoch.compareTo(other.epoch);
        for (int i = 0; c == 0 && i < Math.min(significantLength, other.significantLength); i++) {
            c = release.get(i).compareTo(other.release.get(i));
        }
        if (c == 0) {
            c = Integer.compare(significantLength, other.significantLength);
        }
        if (c == 0) {
            c = Integer.compare(preRank(), other.preRank());
        }
        if (c == 0 && pre != null) {
            c = pre.number().compareTo(other.pre.number());
        }
        if (c == 0) {
            c = compareOptional(post, other.post, true);
        }
        if (c == 0) {
            c = compareOptional(dev, other.dev, false);
        }
        if (c == 0) {
            c = compareLocal(other);
        }
        return c;
    }

    /** -1 for a development release with no pre- or post-release, 0..2 for a/b/rc, else 3. */
    private int preRank() {
        if (pre != null) {
            return pre.rank();
        }
        return post == null && dev != null ? -1 : 3;
    }

    /** Compares numbers where either may be absent, absence sorting first or last. */
    private static int compareOptional(BigInteger x, BigInteger y, boolean absentFirst) {
        if (x == null || y == null) {
            int c = Boolean.compare(x != null, y != null);
            return absentFirst ? c : -c;
        }
        return x.compareTo(y);
    }

    private int compareLocal(Version other) {
        if (local == null || other.local == null) {
            return Boolean.compare(local != null, other.local != null);
        }
        for (int i = 0; i < Math.min(local.size(), other.local.size()); i++) {
            int c = VersionParser.compareLocalParts(local.get(i), other.local.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(local.size(), other.local.size());
    }

    /** Equal exactly when {@link #compareTo} says so: {@code 1.0} equals {@code 1.0.0}. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Version other && hash == other.hash && compareTo(other) == 0;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /**
     * The normal form, identical to Python's {@code str(Version(text))}: for example
     * {@code 1.0-1} gives {@code 1.0.post1}, {@code v1.0} gives {@code 1.0}, {@code 1!1.0-dev}
     * gives {@code 1!1.0.dev0} and {@code 1.0+ABC-1} gives {@code 1.0+abc.1}.
     */
    @Override
    public String toString() {
        return text;
    }

    private String format(int releaseLength, boolean withLocal) {
        StringBuilder out = new StringBuilder();
        if (epoch.signum() != 0) {
            out.append(epoch).append('!');
        }
        for (int i = 0; i < releaseLength; i++) {
            out.append(i == 0 ? "" : ".").append(release.get(i));
        }
        if (pre != null) {
            out.append(pre);
        }
        if (post != null) {
            out.append(".post").append(post);
        }
        if (dev != null) {
            out.append(".dev").append(dev);
        }
        if (withLocal && local != null) {
            out.append('+').append(String.join(".", local));
        }
        return out.toString();
    }
}
