package dev.cheeseshop.dist;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What {@link DistInspector#inspectWheel} found in a wheel. Byte arrays are copied in and out, so
 * an instance cannot change.
 */
public final class WheelInfo {
    private final String distInfoDir;
    private final byte[] metadata;
    private final byte[] wheelFile;
    private final byte[] entryPoints;
    private final Set<String> memberNames;

    WheelInfo(String distInfoDir, byte[] metadata, byte[] wheelFile, byte[] entryPoints,
            Iterable<String> memberNames) {
        this.distInfoDir = Objects.requireNonNull(distInfoDir);
        this.metadata = metadata.clone();
        this.wheelFile = wheelFile.clone();
        this.entryPoints = entryPoints == null ? null : entryPoints.clone();
        Set<String> names = new LinkedHashSet<>();
        memberNames.forEach(names::add);
        this.memberNames = Collections.unmodifiableSet(names);
    }

    /** The {@code .dist-info} directory as spelled in the archive, e.g. {@code foo-1.0.dist-info}. */
    public String distInfoDir() {
        return distInfoDir;
    }

    /**
     * The exact bytes of {@code <dist-info>/METADATA}, never re-encoded: these are what PEP 658
     * serves as {@code <file>.metadata}.
     */
    public byte[] metadata() {
        return metadata.clone();
    }

    /** {@code <dist-info>/METADATA}. */
    public String metadataPath() {
        return distInfoDir + "/METADATA";
    }

    /** The bytes of {@code <dist-info>/WHEEL}; {@link CoreMetadata#parse} reads them. */
    public byte[] wheelFile() {
        return wheelFile.clone();
    }

    /** {@code <dist-info>/RECORD}, which inspection has checked exists. */
    public String recordPath() {
        return distInfoDir + "/RECORD";
    }

    /** The bytes of {@code <dist-info>/entry_points.txt}, when the wheel has one. */
    public Optional<byte[]> entryPoints() {
        return Optional.ofNullable(entryPoints).map(byte[]::clone);
    }

    /** Every member name as stored (directories end with {@code /}), in archive order. */
    public Set<String> memberNames() {
        return memberNames;
    }

    /** Parses {@link #metadata()}. */
    public CoreMetadata parseMetadata() throws DistProblem {
        return CoreMetadata.parse(metadata);
    }

    @Override
    public String toString() {
        return "WheelInfo[" + distInfoDir + ", " + memberNames.size() + " members]";
    }
}
