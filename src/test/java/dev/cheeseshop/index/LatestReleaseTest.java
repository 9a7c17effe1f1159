package dev.cheeseshop.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.model.Release;
import dev.cheeseshop.model.ReleaseMetadata;
import dev.cheeseshop.model.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The release {@code /pypi/<project>/json} describes, after Warehouse's unit tests
 * ({@code test_latest_release_yanked}, {@code test_all_non_prereleases_yanked},
 * {@code test_all_releases_yanked}): not yanked first, then not a pre-release, then the highest
 * PEP 440 version, whatever the upload order. Releases here are listed in upload order.
 */
class LatestReleaseTest {
    @Test
    void theHighestVersionWinsNotTheLastUploaded() {
        assertThat(latest("1.10", "2.0", "1.9", "1.0.post1")).isEqualTo("2.0");
        assertThat(latest("1.10", "1.9")).isEqualTo("1.10");
        assertThat(latest("1.0.post1", "1.0")).isEqualTo("1.0.post1");
        assertThat(latest("1!0.1", "99.0")).isEqualTo("1!0.1");
    }

    @Test
    void preReleasesAndDevReleasesLoseToAnyFinalRelease() {
        assertThat(latest("1.0", "2.0rc1", "2.0b1", "3.0.dev1", "1.1a1")).isEqualTo("1.0");
        assertThat(latest("0.1", "1.0.post1.dev1")).isEqualTo("0.1");
    }

    @Test
    void withOnlyPreReleasesTheHighestPreReleaseWins() {
        assertThat(latest("2.0rc1", "2.0b1", "2.0.dev5", "1.0a1")).isEqualTo("2.0rc1");
    }

    @Test
    void aYankedLatestIsSkipped() {
        assertThat(latest("1.0", "2.0 yanked")).isEqualTo("1.0");
    }

    @Test
    void aPreReleaseBeatsAnyYankedRelease() {
        assertThat(latest("1.0 yanked", "2.0 yanked", "3.0rc1")).isEqualTo("3.0rc1");
    }

    @Test
    void whenEverythingIsYankedTheHighestYankedFinalReleaseWins() {
        assertThat(latest("1.0 yanked", "2.0 yanked", "3.0a1 yanked")).isEqualTo("2.0");
        assertThat(latest("3.0a1 yanked", "3.0a2 yanked")).isEqualTo("3.0a2");
    }

    @Test
    void aProjectWithoutReleasesHasNoLatest() {
        assertThat(LatestRelease.of(List.of())).isEmpty();
    }

    /** Each spec is a version, then " yanked" for a yanked release. */
    private static String latest(String... specs) {
        List<Release> releases = new ArrayList<>();
        for (String spec : specs) {
            String version = spec.replace(" yanked", "");
            Version parsed = Version.parse(version);
            releases.add(new Release(releases.size() + 1, 1, parsed.toString(), parsed.canonical(),
                    ReleaseMetadata.EMPTY, spec.endsWith(" yanked"), null, Instant.EPOCH.plusSeconds(releases.size())));
        }
        return LatestRelease.of(releases).orElseThrow().version();
    }
}
