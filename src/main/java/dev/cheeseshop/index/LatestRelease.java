package dev.cheeseshop.index;

import dev.cheeseshop.model.Release;
import dev.cheeseshop.model.Version;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * Which release {@code /pypi/<project>/json} describes, as pypi.org picks it: releases not yanked
 * before yanked ones, then final releases before pre-releases (and development releases), then
 * the highest PEP 440 version. So a pre-release is chosen only when every final release is yanked
 * or there is none, and a yanked release only when every release is yanked. Upload order plays
 * no part.
 */
public final class LatestRelease {
    private record Candidate(Release release, Version version) {}

    private static final Comparator<Candidate> PREFERENCE = Comparator.comparing((Candidate c) -> c.release.yanked())
            .thenComparing(c -> c.version.isPrerelease())
            .thenComparing(Comparator.comparing(Candidate::version).reversed());

    private LatestRelease() {}

    public static Optional<Release> of(Collection<Release> releases) {
        return releases.stream().map(r -> new Candidate(r, Version.parse(r.version()))).min(PREFERENCE)
                .map(Candidate::release);
    }
}
