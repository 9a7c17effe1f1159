package dev.cheeseshop.dist;

import dev.cheeseshop.model.ProjectName;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * Builds real wheels and sdists in a directory, for tests. Defaults give a valid distribution
 * of the named project; each method changes one thing. The wheels are written the way Python's
 * zipfile writes them (sizes in the local headers, no data descriptors), the sdists the way
 * setuptools' tarfile does (pax format, one top-level directory with its own entry).
 *
 * <pre>{@code
 * Path whl = TestArchives.wheel("demo-pkg", "1.0").file("demo_pkg/data.txt", "x").writeTo(tmp);
 * Path sdist = TestArchives.sdist("demo-pkg", "1.0").withoutPkgInfo().writeTo(tmp);
 * }</pre>
 */
public final class TestArchives {
    static final long FIXED_TIME = 1_700_000_000_000L;

    private TestArchives() {
    }

    /** A minimal valid METADATA / PKG-INFO text (Metadata-Version 2.1, with a body). */
    public static String metadata(String name, String version) {
        return metadata(name, version, "2.1");
    }

    /** The same with another Metadata-Version (any of 1.0 to 2.5 suits these fields). */
    public static String metadata(String name, String version, String metadataVersion) {
        return "Metadata-Version: " + metadataVersion + "\nName: " + name + "\nVersion: " + version
                + "\nSummary: Test package " + name + "\n\nReadme of " + name + ".\n";
    }

    /** {@code Demo.Pkg} becomes {@code demo_pkg}, the form filenames use. */
    public static String escaped(String name) {
        return ProjectName.normalize(name).replace('-', '_');
    }

    /** A valid wheel of {@code name} (any spelling) and {@code version}, tagged py3-none-any. */
    public static WheelBuilder wheel(String name, String version) {
        return new WheelBuilder(name, version);
    }

    /** A valid .tar.gz sdist of {@code name} and {@code version}. */
    public static SdistBuilder sdist(String name, String version) {
        return new SdistBuilder(name, version);
    }

    /**
     * Writes a zip of one member, {@code name}, holding {@code size} zero bytes, deflated at the
     * best level: about 1 KB per MiB. Streams, so any size costs no memory.
     */
    public static Path writeZipBomb(Path out, String name, long size) throws IOException {
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(out)) {
            zip.setUseZip64(Zip64Mode.Never);
            zip.setLevel(Deflater.BEST_COMPRESSION);
            ZipArchiveEntry e = new ZipArchiveEntry(name);
            e.setMethod(ZipArchiveEntry.DEFLATED);
            e.setTime(FIXED_TIME);
            zip.putArchiveEntry(e);
            writeZeros(zip, size);
            zip.closeArchiveEntry();
        }
        return out;
    }

    /** Writes a .tar.gz whose only member, {@code member}, is {@code size} zero bytes. Streams. */
    public static Path writeTarGzBomb(Path out, String member, long size) throws IOException {
        try (OutputStream file = Files.newOutputStream(out);
                GzipCompressorOutputStream gz = new GzipCompressorOutputStream(file);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
            TarArchiveEntry e = new TarArchiveEntry(member);
            e.setSize(size);
            tar.putArchiveEntry(e);
            writeZeros(tar, size);
            tar.closeArchiveEntry();
        }
        return out;
    }

    /** Writes a zip of the given members, in order, with no data descriptors. */
    public static void writeZip(Path out, Map<String, byte[]> members, boolean stored)
            throws IOException {
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(out)) {
            zip.setUseZip64(Zip64Mode.Never);
            for (Map.Entry<String, byte[]> m : members.entrySet()) {
                ZipArchiveEntry e = new ZipArchiveEntry(m.getKey());
                e.setMethod(stored ? ZipArchiveEntry.STORED : ZipArchiveEntry.DEFLATED);
                e.setTime(FIXED_TIME);
                zip.putArchiveEntry(e);
                zip.write(m.getValue());
                zip.closeArchiveEntry();
            }
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void writeZeros(OutputStream out, long size) throws IOException {
        byte[] zeros = new byte[1 << 16];
        for (long left = size; left > 0; left -= zeros.length) {
            out.write(zeros, 0, (int) Math.min(zeros.length, left));
        }
    }

    /** A RECORD listing every member with its sha256 and size, itself last without hash. */
    static byte[] record(Map<String, byte[]> members, String recordPath) {
        List<String> lines = new ArrayList<>();
        members.forEach((path, bytes) -> lines.add(path + ",sha256=" + sha256(bytes) + "," + bytes.length));
        lines.add(recordPath + ",,");
        return utf8(String.join("\n", lines) + "\n");
    }

    private static String sha256(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
