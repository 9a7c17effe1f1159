package dev.cheeseshop.index;

import dev.cheeseshop.model.Serial;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The project page behind the simple-project.* goldens: the same data generate_simple.py writes
 * them from (change both together). Foo.Bar at serial 7: 0.9 (a plain sdist), 1.0 (a wheel with
 * METADATA and an sdist; Requires-Python, yanked with a reason) and 2.0 (yanked without one),
 * files in pypi.org's order, by version and then filename.
 */
final class SimpleFixture {
    static final String PATH = "01/23/456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef/";
    static final String REASON = "bad \"build\" & <stuff> \u00e9\u2028\u0001";

    private SimpleFixture() {}

    static ProjectPage page() {
        Optional<String> requires = Optional.of("<4,>=3.8");
        return new ProjectPage("foo-bar", "Foo.Bar", Serial.of(7), List.of(
                link("foo_bar-0.9.tar.gz", "0.9", 'a', 100, "2024-11-06T22:37:09.220617Z", Optional.empty(),
                        Optional.empty(), Optional.empty()),
                link("foo_bar-1.0-py3-none-any.whl", "1.0", 'b', 4661, "2024-11-06T22:37:09Z", requires,
                        Optional.of(REASON), Optional.of("d".repeat(64))),
                link("foo_bar-1.0.tar.gz", "1.0", 'c', 3000, "2024-11-07T00:00:00.5Z", requires, Optional.of(REASON),
                        Optional.empty()),
                link("foo_bar-2.0.tar.gz", "2.0", 'e', 100, "2025-01-02T03:04:05.000100Z", Optional.empty(),
                        Optional.of(""), Optional.empty())),
                List.of("0.9", "1.0", "2.0"));
    }

    /** A project with no release, as a reservation leaves it: generate_simple.py's EMPTY_PROJECT. */
    static ProjectPage emptyPage() {
        return new ProjectPage("reserved-name", "Reserved.Name", Serial.of(12), List.of(), List.of());
    }

    static FileLink link(String filename, String version, char sha, long size, String time,
            Optional<String> requiresPython, Optional<String> yanked, Optional<String> metadata) {
        return new FileLink(filename, PATH + filename, version, String.valueOf(sha).repeat(64), OptionalLong.of(size),
                Optional.of(Instant.parse(time)),
                requiresPython, yanked, metadata);
    }
}
