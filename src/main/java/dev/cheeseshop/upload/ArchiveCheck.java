package dev.cheeseshop.upload;

import dev.cheeseshop.dist.CoreMetadata;
import dev.cheeseshop.dist.DistInspector;
import dev.cheeseshop.dist.DistProblem;
import dev.cheeseshop.dist.WheelFilename;
import dev.cheeseshop.dist.WheelInfo;
import dev.cheeseshop.model.MetadataDigests;
import dev.cheeseshop.model.PackageType;
import dev.cheeseshop.model.ProjectName;
import dev.cheeseshop.model.Version;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * The file itself: its name must name the project and version being uploaded (wheels by the
 * binary distribution format, sdists as {@code .tar.gz} with the legacy spellings older
 * setuptools wrote), it must be a sound archive, and the core metadata inside it must be for the
 * same project and version. A wheel's METADATA is kept, verbatim, to be served for PEP 658.
 */
final class ArchiveCheck {
    /** What the archive gave: a wheel's METADATA and its digests, or nothing for an sdist. */
    record Inspection(byte[] metadata, MetadataDigests metadataDigests) {}

    private ArchiveCheck() {}

    static Inspection inspect(DistInspector inspector, StagedFile file, UploadForm form, Version version)
            throws UploadProblem {
        try {
            return form.filetype() == PackageType.bdist_wheel
                    ? wheel(inspector, file, form.name(), version)
                    : sdist(inspector, file, form.name(), version);
        } catch (DistProblem problem) {
            throw UploadProblem.badRequest(UploadProblem.Reason.ARCHIVE, problem.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the staged upload " + file.path(), e);
        }
    }

    private static Inspection wheel(DistInspector inspector, StagedFile file, ProjectName project, Version version)
            throws DistProblem, IOException, UploadProblem {
        WheelFilename name = WheelFilename.parse(file.filename());
        if (!ProjectName.normalize(name.name()).equals(project.normalized())) {
            throw UploadProblem.badRequest(UploadProblem.Reason.ARCHIVE, Messages.startFilenameWith(project));
        }
        Optional<Version> inName = Version.tryParse(name.version());
        if (inName.isEmpty() || !inName.get().equals(version)) {
            throw UploadProblem.badRequest(UploadProblem.Reason.ARCHIVE, Messages.versionInFilename(version.toString(), name.version()));
        }
        WheelInfo wheel = inspector.inspectWheel(file.path(), file.filename());
        byte[] metadata = wheel.metadata();
        requireSameProject(wheel.parseMetadata(), wheel.metadataPath(), project, version);
        return new Inspection(metadata, digests(metadata));
    }

    /** The digests a file row keeps of a wheel's METADATA (and the reconciler checks a rebuilt one against). */
    static MetadataDigests digests(byte[] metadata) {
        return new MetadataDigests(sha256(metadata), blake2b(metadata));
    }

    private static Inspection sdist(DistInspector inspector, StagedFile file, ProjectName project, Version version)
            throws DistProblem, IOException, UploadProblem {
        String filename = file.filename();
        if (!filename.endsWith(".tar.gz")) {
            String stem = filename.substring(0, filename.length() - FilenameCheck.extension(filename).length());
            throw UploadProblem.badRequest(UploadProblem.Reason.ARCHIVE, Messages.sdistFilenameShouldBe(filename, stem + ".tar.gz"));
        }
        SdistName.check(filename, project, version);
        var sdist = inspector.inspectSdist(file.path(), filename);
        requireSameProject(sdist.parsePkgInfo(), sdist.pkgInfoPath(), project, version);
        return new Inspection(null, null);
    }

    private static void requireSameProject(CoreMetadata metadata, String path, ProjectName project, Version version)
            throws UploadProblem {
        String name = metadata.get("Name").orElse("");
        String declared = metadata.get("Version").orElse("");
        boolean sameName = ProjectName.normalize(name).equals(project.normalized());
        boolean sameVersion = Version.tryParse(declared).filter(version::equals).isPresent();
        if (!sameName || !sameVersion) {
            throw UploadProblem.badRequest(UploadProblem.Reason.ARCHIVE, Messages.INVALID_DIST_FILE + " The metadata in " + path + " is for "
                    + Python.repr(name) + " version " + Python.repr(declared) + ", not for "
                    + Python.repr(project.display()) + " version " + Python.repr(version.toString()) + ".");
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String blake2b(byte[] bytes) {
        Blake2bDigest digest = new Blake2bDigest(256);
        digest.update(bytes, 0, bytes.length);
        byte[] out = new byte[32];
        digest.doFinal(out, 0);
        return HexFormat.of().formatHex(out);
    }
}
