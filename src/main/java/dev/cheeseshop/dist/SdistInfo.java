package dev.cheeseshop.dist;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * What {@link DistInspector#inspectSdist} found in a source distribution. Byte arrays are copied
 * in and out, so an instance cannot change.
 */
public final class SdistInfo {
    private final String topLevelDir;
    private final byte[] pkgInfo;
    private final Set<String> memberNames;

    SdistInfo(String topLevelDir, byte[] pkgInfo, Iterable<String> memberNames) {
        this.topLevelDir = Objects.requireNonNull(topLevelDir);
        this.pkgInfo = pkgInfo.clone();
        Set<String> names = new LinkedHashSet<>();
        memberNames.forEach(names::add);
        this.memberNames = Collections.unmodifiableSet(names);
    }

    /** The single top-level directory, e.g. {@code foo-1.0} (without any {@code ./}). */
    public String topLevelDir() {
        return topLevelDir;
    }

    /** The exact bytes of {@code <top>/PKG-INFO}. */
    public byte[] pkgInfo() {
        return pkgInfo.clone();
    }

    /** {@code <top>/PKG-INFO}. */
    public String pkgInfoPath() {
        return topLevelDir + "/PKG-INFO";
    }

    /**
     * Every member name, normalised: no {@code ./} prefix, no empty or {@code .} segments, no
     * trailing slash; so {@code memberNames().contains(topLevelDir() + "/LICENSE")} answers
     * whether a License-File exists.
     */
    public Set<String> memberNames() {
        return memberNames;
    }

    /** Parses {@link #pkgInfo()}. */
    public CoreMetadata parsePkgInfo() throws DistProblem {
        return CoreMetadata.parse(pkgInfo);
    }

    @Override
    public String toString() {
        return "SdistInfo[" + topLevelDir + ", " + memberNames.size() + " members]";
    }
}
