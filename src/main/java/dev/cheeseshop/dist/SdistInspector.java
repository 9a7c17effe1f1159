package dev.cheeseshop.dist;

import dev.cheeseshop.dist.DistProblem.Kind;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/** The sdist half of {@link DistInspector}: {@code .tar.gz}, and {@code .zip} for old uploads. */
final class SdistInspector {
    private SdistInspector() {
    }

    static SdistInfo inspect(Path file, String filename, Limits limits)
            throws IOException, DistProblem {
        String lower = filename.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".tar.gz")) {
            return tarGz(file, limits);
        }
        if (lower.endsWith(".zip")) {
            return zip(file, limits);
        }
        throw new IllegalArgumentException("not an sdist filename: " + filename);
    }

    private static SdistInfo tarGz(Path file, Limits limits) throws IOException, DistProblem {
        boolean tar = ArchiveSniffer.isTar(file);
        if (tar && ArchiveSniffer.isZip(file)) {
            throw DistProblem.of(Kind.ZIP_AND_TAR);
        }
        if (!tar || !ArchiveSniffer.isGzip(file)) {
            throw DistProblem.of(Kind.NOT_A_TAR);
        }
        long compressedSize = Files.size(file);
        Layout layout = new Layout();
        try (InputStream raw = new SourceStream(Files.newInputStream(file));
                InputStream gz = GzipCompressorInputStream.builder()
                        .setInputStream(raw).setDecompressConcatenated(true).get()) {
            TarReader reader = new TarReader(gz, limits, compressedSize);
            TarReader.Member m;
            while ((m = reader.next()) != null) {
                MemberPaths.check(m.name());
                if (m.isLink() && !MemberPaths.linkStaysInside(m.name(), m.linkName(), m.type() == '2')) {
                    throw DistProblem.of(Kind.UNSAFE_LINK_TARGET, PyRepr.of(m.name()));
                }
                String name = MemberPaths.normalize(m.name());
                if (name.isEmpty() && m.isDirectory()) {
                    continue; // "./", the archive root itself
                }
                if (layout.add(name) && m.isRegularFile()) {
                    layout.pkgInfo = reader.readData(m.name(), limits.maxMetadataFileSize());
                }
            }
        } catch (SourceFailure e) {
            throw e.getCause();
        } catch (IOException e) {
            throw DistProblem.of(Kind.CORRUPT); // the gzip stream is damaged or cut short
        }
        return layout.result();
    }

    private static SdistInfo zip(Path file, Limits limits) throws IOException, DistProblem {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            List<ZipArchive.Entry> entries = ZipPolicy.open(file, ch, limits);
            Layout layout = new Layout();
            ZipArchive.Entry pkgInfo = null;
            for (ZipArchive.Entry e : entries) {
                String name = MemberPaths.normalize(e.name());
                if (name.isEmpty()) {
                    continue;
                }
                if (layout.add(name) && !e.name().endsWith("/")) {
                    pkgInfo = e;
                }
            }
            if (pkgInfo != null) {
                layout.pkgInfo = ZipMemberReader.read(ch, pkgInfo, limits.maxMetadataFileSize());
            }
            return layout.result();
        }
    }

    /**
     * The shape rule: every member under one top-level directory, {@code PKG-INFO} directly in
     * it. Unlike Warehouse, which takes the longest common path of all names (so an archive of
     * only {@code foo-1.0/PKG-INFO} fails there and one whose members all sit in
     * {@code foo-1.0/src/} is searched for {@code foo-1.0/src/PKG-INFO}), the top level here is
     * always the first path segment, as the sdist spec describes it.
     */
    private static final class Layout {
        private final List<String> names = new ArrayList<>();
        private String top;
        private byte[] pkgInfo;

        /** Records a normalised name; true when it is {@code <top>/PKG-INFO}. */
        boolean add(String name) throws DistProblem {
            String first = MemberPaths.topLevel(name);
            if (top == null) {
                top = first;
            } else if (!top.equals(first)) {
                throw DistProblem.of(Kind.SDIST_TOP_LEVEL);
            }
            names.add(name);
            return name.equals(top + "/PKG-INFO");
        }

        SdistInfo result() throws DistProblem {
            if (top == null) {
                throw DistProblem.of(Kind.SDIST_TOP_LEVEL);
            }
            if (pkgInfo == null) {
                throw DistProblem.of(Kind.PKG_INFO_MISSING, top + "/PKG-INFO");
            }
            return new SdistInfo(top, pkgInfo, names);
        }
    }

    /** Marks I/O failures of the file itself, so they are not taken for a corrupt archive. */
    private static final class SourceFailure extends IOException {
        SourceFailure(IOException cause) {
            super(cause);
        }

        @Override
        public synchronized IOException getCause() {
            return (IOException) super.getCause();
        }
    }

    private static final class SourceStream extends FilterInputStream {
        SourceStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                throw new SourceFailure(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                throw new SourceFailure(e);
            }
        }

        @Override
        public long skip(long n) throws IOException {
            try {
                return super.skip(n);
            } catch (IOException e) {
                throw new SourceFailure(e);
            }
        }
    }
}
