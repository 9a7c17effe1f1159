package dev.cheeseshop.dist;

import dev.cheeseshop.model.ProjectName;
import java.math.BigInteger;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed wheel filename, {@code {name}-{version}(-{build})?-{python}-{abi}-{platform}.whl}, as
 * the binary distribution format spec and packaging 26.3's {@code parse_wheel_filename} read it.
 * It refuses exactly what packaging refuses, with packaging's messages.
 *
 * <p>{@code name} and {@code version} are kept as spelled in the filename: whether they match
 * the project and the metadata is for the caller to decide. The version is checked to be valid
 * PEP 440, as packaging does, but not normalised. Tag lists keep the filename's order and case;
 * {@link #tags()} expands them the way packaging does (lower-cased).
 *
 * @param name the distribution name component, as spelled (for example {@code some_PACKAGE})
 * @param version the version component, as spelled
 * @param build the optional build tag
 * @param pythonTags the {@code .}-separated python tag set
 * @param abiTags the {@code .}-separated ABI tag set
 * @param platformTags the {@code .}-separated platform tag set
 */
public record WheelFilename(String name, String version, Optional<BuildTag> build,
        List<String> pythonTags, List<String> abiTags, List<String> platformTags) {

    /** PEP 427: the escaped project name ({@code \w} is Unicode-aware, as in Python). */
    private static final Pattern NAME = Pattern.compile("[\\w.]+", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern BUILD = Pattern.compile("([0-9]+)(.*)", Pattern.DOTALL);
    /** PEP 440, as packaging's {@code VERSION_PATTERN} (surrounding whitespace allowed). */
    private static final Pattern PEP440 = Pattern.compile("""
            \\s*v?+
            (?:[0-9]+!)?+
            [0-9]+(?:\\.[0-9]+)*+
            (?:[._-]?+(?:alpha|a|beta|b|preview|pre|c|rc)[._-]?+[0-9]*)?+
            (?:-[0-9]+|[._-]?(?:post|rev|r)[._-]?[0-9]*)?+
            (?:[._-]?+dev[._-]?+[0-9]*)?+
            (?:\\+[a-z0-9]+(?:[._-][a-z0-9]+)*+)?+
            \\s*""", Pattern.COMMENTS | Pattern.CASE_INSENSITIVE);

    /**
     * A build tag: the leading digits as a number, then the rest (packaging's
     * {@code (int, str)} pair). Build tags sort by number, then by suffix.
     *
     * @param number the leading decimal digits
     * @param suffix whatever follows them, possibly empty
     */
    public record BuildTag(BigInteger number, String suffix) {
        public BuildTag {
            Objects.requireNonNull(number, "number");
            Objects.requireNonNull(suffix, "suffix");
        }
    }

    /**
     * One expanded compatibility tag, lower-cased like packaging's {@code Tag}.
     *
     * @param interpreter for example {@code py3}
     * @param abi for example {@code none}
     * @param platform for example {@code any}
     */
    public record Tag(String interpreter, String abi, String platform) {
        @Override
        public String toString() {
            return interpreter + "-" + abi + "-" + platform;
        }
    }

    public WheelFilename {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(build, "build");
        pythonTags = List.copyOf(pythonTags);
        abiTags = List.copyOf(abiTags);
        platformTags = List.copyOf(platformTags);
    }

    /**
     * Parses a wheel filename (a bare filename, not a path).
     *
     * @throws DistProblem with one of the {@code WHEEL_FILENAME_*} kinds
     */
    public static WheelFilename parse(String filename) throws DistProblem {
        if (!filename.endsWith(".whl")) {
            throw DistProblem.of(DistProblem.Kind.WHEEL_FILENAME_EXTENSION, PyRepr.of(filename));
        }
        String stem = filename.substring(0, filename.length() - 4);
        String quoted = PyRepr.of(stem);
        long dashes = stem.chars().filter(c -> c == '-').count();
        if (dashes != 4 && dashes != 5) {
            throw DistProblem.of(DistProblem.Kind.WHEEL_FILENAME_PARTS, quoted);
        }
        String[] parts = stem.split("-", -1);
        String name = parts[0];
        if (name.contains("__") || !NAME.matcher(name).matches()) {
            throw DistProblem.of(DistProblem.Kind.WHEEL_FILENAME_PROJECT, quoted);
        }
        String version = parts[1];
        if (!PEP440.matcher(version).matches()) {
            throw DistProblem.of(DistProblem.Kind.WHEEL_FILENAME_VERSION, quoted);
        }
        Optional<BuildTag> build = Optional.empty();
        if (dashes == 5) {
            Matcher m = BUILD.matcher(parts[2]);
            if (!m.matches()) {
                throw DistProblem.of(DistProblem.Kind.WHEEL_FILENAME_BUILD, parts[2], quoted);
            }
            build = Optional.of(new BuildTag(new BigInteger(m.group(1)), m.group(2)));
        }
        int t = parts.length - 3;
        List<String> python = tagSet(parts[t], quoted);
        List<String> abi = tagSet(parts[t + 1], quoted);
        List<String> platform = tagSet(parts[t + 2], quoted);
        for (String interpreter : python) {
            if (!isPythonIdentifier(interpreter)) {
                throw DistProblem.of(DistProblem.Kind.WHEEL_FILENAME_TAG, quoted);
            }
        }
        return new WheelFilename(name, version, build, python, abi, platform);
    }

    /** Like {@link #parse} but empty instead of throwing, for names already known to be good. */
    public static Optional<WheelFilename> tryParse(String filename) {
        try {
            return Optional.of(parse(filename));
        } catch (DistProblem e) {
            return Optional.empty();
        }
    }

    /** The PEP 503 normalised name (packaging's {@code canonicalize_name}). */
    public String normalizedName() {
        return ProjectName.normalize(name);
    }

    /** Every tag the compressed tag sets stand for, lower-cased, in filename order. */
    public Set<Tag> tags() {
        Set<Tag> tags = new LinkedHashSet<>();
        for (String py : pythonTags) {
            for (String abi : abiTags) {
                for (String platform : platformTags) {
                    tags.add(new Tag(py.toLowerCase(Locale.ROOT), abi.toLowerCase(Locale.ROOT),
                            platform.toLowerCase(Locale.ROOT)));
                }
            }
        }
        return tags;
    }

    private static List<String> tagSet(String component, String quoted) throws DistProblem {
        List<String> members = List.of(component.split("\\.", -1));
        if (members.contains("")) {
            throw DistProblem.of(DistProblem.Kind.WHEEL_FILENAME_TAG, quoted);
        }
        return members;
    }

    /** Python's {@code str.isidentifier()}, near enough for tag text. */
    private static boolean isPythonIdentifier(String s) {
        if (s.isEmpty()) {
            return false;
        }
        int first = s.codePointAt(0);
        if (first != '_' && !Character.isUnicodeIdentifierStart(first)) {
            return false;
        }
        return s.codePoints().skip(1).allMatch(
                cp -> Character.isUnicodeIdentifierPart(cp) && !Character.isIdentifierIgnorable(cp));
    }
}
