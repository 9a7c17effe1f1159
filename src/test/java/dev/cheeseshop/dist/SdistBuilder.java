package dev.cheeseshop.dist;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * An sdist under construction, from {@link TestArchives#sdist}: by default
 * {@code <escaped>-<version>/} holding {@code PKG-INFO} and {@code pyproject.toml}, pax format.
 */
public final class SdistBuilder {
    /** How the tar names its members. */
    public enum Format { PAX, GNU, USTAR }

    private final String name;
    private final String version;
    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private final Map<String, String> symlinks = new LinkedHashMap<>();
    private String topLevel;
    private String prefix = "";
    private String globalComment;
    private Format format = Format.PAX;

    SdistBuilder(String name, String version) {
        this.name = name;
        this.version = version;
        files.put("PKG-INFO", TestArchives.utf8(TestArchives.metadata(name, version)));
        files.put("pyproject.toml", TestArchives.utf8("[project]\nname = \"" + name + "\"\n"));
    }

    /** Replaces the PKG-INFO text. */
    public SdistBuilder pkgInfo(String text) {
        files.put("PKG-INFO", TestArchives.utf8(text));
        return this;
    }

    public SdistBuilder withoutPkgInfo() {
        files.remove("PKG-INFO");
        return this;
    }

    /** Adds a file under the top-level directory. */
    public SdistBuilder file(String path, String content) {
        return file(path, TestArchives.utf8(content));
    }

    public SdistBuilder file(String path, byte[] content) {
        files.put(path, content.clone());
        return this;
    }

    /** Adds a symbolic link under the top-level directory. */
    public SdistBuilder symlink(String path, String target) {
        symlinks.put(path, target);
        return this;
    }

    /** Names the top-level directory differently from {@code <escaped>-<version>}. */
    public SdistBuilder topLevel(String dir) {
        this.topLevel = dir;
        return this;
    }

    /** Writes every name with a leading {@code ./}, as {@code tar -C dir .} does. */
    public SdistBuilder dotSlash() {
        this.prefix = "./";
        return this;
    }

    /** Starts the archive with a pax global header, as {@code git archive} does. */
    public SdistBuilder paxGlobalHeader(String comment) {
        this.globalComment = comment;
        return this;
    }

    public SdistBuilder format(Format format) {
        this.format = format;
        return this;
    }

    public String top() {
        return topLevel != null ? topLevel : TestArchives.escaped(name) + "-" + version;
    }

    /** {@code <escaped name>-<version>.tar.gz}. */
    public String filename() {
        return TestArchives.escaped(name) + "-" + version + ".tar.gz";
    }

    /** Writes {@code dir/filename()}. */
    public Path writeTo(Path dir) throws IOException {
        return writeTo(dir, filename());
    }

    public Path writeTo(Path dir, String filename) throws IOException {
        Path path = dir.resolve(filename);
        try (OutputStream file = Files.newOutputStream(path);
                GzipCompressorOutputStream gz = new GzipCompressorOutputStream(file);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(gz, "UTF-8")) {
            tar.setLongFileMode(switch (format) {
                case PAX -> TarArchiveOutputStream.LONGFILE_POSIX;
                case GNU -> TarArchiveOutputStream.LONGFILE_GNU;
                case USTAR -> TarArchiveOutputStream.LONGFILE_ERROR;
            });
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            if (globalComment != null) {
                TarArchiveEntry global = new TarArchiveEntry("pax_global_header",
                        TarConstants.LF_PAX_GLOBAL_EXTENDED_HEADER);
                global.addPaxHeader("comment", globalComment);
                tar.putArchiveEntry(global);
            }
            TarArchiveEntry topDir = new TarArchiveEntry(prefix + top() + "/");
            topDir.setModTime(TestArchives.FIXED_TIME);
            tar.putArchiveEntry(topDir);
            tar.closeArchiveEntry();
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                TarArchiveEntry e = new TarArchiveEntry(prefix + top() + "/" + f.getKey());
                e.setSize(f.getValue().length);
                e.setModTime(TestArchives.FIXED_TIME);
                tar.putArchiveEntry(e);
                tar.write(f.getValue());
                tar.closeArchiveEntry();
            }
            for (Map.Entry<String, String> link : symlinks.entrySet()) {
                TarArchiveEntry e = new TarArchiveEntry(prefix + top() + "/" + link.getKey(),
                        TarConstants.LF_SYMLINK);
                e.setLinkName(link.getValue());
                tar.putArchiveEntry(e);
                tar.closeArchiveEntry();
            }
        }
        return path;
    }

    /** Writes the same content as a {@code .zip} sdist, {@code dir/<escaped>-<version>.zip}. */
    public Path writeZipTo(Path dir) throws IOException {
        Map<String, byte[]> members = new LinkedHashMap<>();
        files.forEach((file, bytes) -> members.put(top() + "/" + file, bytes));
        Path out = dir.resolve(TestArchives.escaped(name) + "-" + version + ".zip");
        TestArchives.writeZip(out, members, false);
        return out;
    }
}
