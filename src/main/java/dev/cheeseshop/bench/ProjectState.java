package dev.cheeseshop.bench;

import dev.cheeseshop.model.ProjectName;
import java.util.Arrays;
import java.util.BitSet;

/** What the generator remembers of one project while it writes the journal. */
final class ProjectState {
    static final byte NO_SECOND_ROLE = 0;
    static final byte SECOND_MAINTAINER = 1;
    static final byte SECOND_OWNER = 2;

    final long id;
    final ProjectName name;
    final long createdMicros;
    final int owner;
    final VersionSequence versions;
    long lastSerial;
    int secondUser = -1;
    byte secondRole = NO_SECOND_ROLE;
    int releases;
    String[] releaseVersions = new String[2];
    long[] releaseCreated = new long[2];
    final BitSet yanked = new BitSet();
    final BitSet removed = new BitSet();

    ProjectState(long id, ProjectName name, long createdMicros, int owner, VersionSequence versions) {
        this.id = id;
        this.name = name;
        this.createdMicros = createdMicros;
        this.owner = owner;
        this.versions = versions;
    }

    /** Adds a release; answers its index. */
    int addRelease(String version, long createdMicros) {
        if (releases == releaseVersions.length) {
            releaseVersions = Arrays.copyOf(releaseVersions, releases * 2);
            releaseCreated = Arrays.copyOf(releaseCreated, releases * 2);
        }
        releaseVersions[releases] = version;
        releaseCreated[releases] = createdMicros;
        return releases++;
    }

    int liveReleases() {
        return releases - removed.cardinality();
    }

    /** The newest release not removed, or -1. */
    int latestLive() {
        return releases == 0 ? -1 : removed.previousClearBit(releases - 1);
    }

    /** Wheel and sdist filename stem: {@code foo_bar-1.0}. */
    String fileStem(int release) {
        return name.filenameForm() + "-" + releaseVersions[release];
    }
}
