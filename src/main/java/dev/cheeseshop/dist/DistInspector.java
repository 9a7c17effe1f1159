package dev.cheeseshop.dist;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Reads uploaded distribution files safely: checks that a wheel or sdist is the archive it
 * claims to be, that it is no bomb and no parser-confusing construction, and pulls out the few
 * members an index needs, without extracting anything to disk. Thread-safe; keep one.
 *
 * <p>Every refusal is a {@link DistProblem} whose message can go to the uploader as it is. An
 * {@link IOException} means the server failed to read its own file.
 */
public final class DistInspector {
    private final Limits limits;

    /** An inspector with {@link Limits#DEFAULT}. */
    public DistInspector() {
        this(Limits.DEFAULT);
    }

    public DistInspector(Limits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public Limits limits() {
        return limits;
    }

    /**
     * Inspects a wheel. Checks, in order: the filename splits into name and version (as
     * Warehouse splits it); the file is a zip and not also a tar; the zip framing is sound; the
     * bomb rule and size limits; only stored/deflated members; safe member names; exactly one
     * top-level {@code .dist-info} directory, named for the project; {@code WHEEL},
     * {@code RECORD} and {@code METADATA} exist in it; {@code METADATA}, {@code WHEEL} and
     * {@code entry_points.txt} inflate within the cap to their declared size and CRC.
     *
     * <p>It does not check the filename against the wheel spec (see {@link WheelFilename}), nor
     * the metadata against the project: that is the upload rules' work.
     *
     * @param file the uploaded bytes
     * @param filename the name the file was uploaded under, e.g. {@code foo-1.0-py3-none-any.whl}
     */
    public WheelInfo inspectWheel(Path file, String filename) throws IOException, DistProblem {
        return WheelInspector.inspect(file, filename, limits);
    }

    /**
     * Inspects a source distribution. A {@code .tar.gz} must be a gzip-compressed tar (and not
     * also a zip), read once from end to end under the limits (bytes actually inflated count,
     * and the bomb rule applies as they grow); sparse members, unsafe names and links leading
     * out of the archive are refused. A {@code .zip} (PyPI refuses those since PEP 625 but older
     * ones exist) gets the zip checks of {@link #inspectWheel}. Either way all members must sit
     * in one top-level directory holding a {@code PKG-INFO}. A leading {@code ./} on member
     * names is accepted.
     *
     * @param filename the upload name; must end with {@code .tar.gz} or {@code .zip}, any case
     * @throws IllegalArgumentException for any other filename
     */
    public SdistInfo inspectSdist(Path file, String filename) throws IOException, DistProblem {
        return SdistInspector.inspect(file, filename, limits);
    }
}
