package dev.cheeseshop.dist;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Cheap guesses at what a file is, made the way Python's {@code zipfile.is_zipfile} and
 * {@code tarfile.is_tarfile} make them, so that polyglots (files that are both) can be refused as
 * PyPI refuses them.
 */
final class ArchiveSniffer {
    static final int EOCD_SIZE = 22;
    static final int EOCD_SIGNATURE = 0x06054b50;
    static final int CD_SIGNATURE = 0x02014b50;
    private static final int MAX_COMMENT = 0xFFFF;
    private static final int TAR_BLOCK = 512;

    private ArchiveSniffer() {
    }

    /**
     * The offset of the end-of-central-directory record Python's zipfile would use, or -1 when
     * there is none. Like Python: the last 22 bytes when they are a comment-less EOCD, otherwise
     * the last EOCD signature in the final 64 KiB with 22 bytes after it. Unlike Python, the
     * record must also point back at a central directory (or describe an empty archive), which
     * keeps compressed data that happens to contain the 4 signature bytes from counting as a zip.
     */
    static long findEocd(FileChannel ch) throws IOException {
        long size = ch.size();
        if (size < EOCD_SIZE) {
            return -1;
        }
        long start = Math.max(0, size - MAX_COMMENT - EOCD_SIZE);
        ByteBuffer tail = read(ch, start, (int) (size - start));
        long eocd = -1;
        int last = tail.limit() - EOCD_SIZE;
        if (tail.getInt(last) == EOCD_SIGNATURE && tail.getShort(last + 20) == 0) {
            eocd = start + last;
        } else {
            for (int i = last; i >= 0; i--) {
                if (tail.getInt(i) == EOCD_SIGNATURE) {
                    eocd = start + i;
                    break;
                }
            }
        }
        if (eocd < 0) {
            return -1;
        }
        int at = (int) (eocd - start);
        int entries = Short.toUnsignedInt(tail.getShort(at + 10));
        long cdSize = Integer.toUnsignedLong(tail.getInt(at + 12));
        long cdOffset = Integer.toUnsignedLong(tail.getInt(at + 16));
        if (entries == 0 && cdSize == 0 && cdOffset == 0) {
            return eocd;
        }
        long cdEnd = eocd;
        if (eocd >= 20 + 56 && read(ch, eocd - 20, 4).getInt(0) == 0x07064b50) {
            ByteBuffer eocd64 = read(ch, eocd - 20 - 56, 56);
            if (eocd64.getInt(0) == 0x06064b50) { // zip64: its end record sits before the locator
                cdEnd = eocd - 20 - 56;
                cdSize = eocd64.getLong(40);
            }
        }
        long cdStart = cdEnd - cdSize;
        if (cdSize < 0 || cdStart < 0 || cdStart + 4 > size) {
            return -1;
        }
        return read(ch, cdStart, 4).getInt(0) == CD_SIGNATURE ? eocd : -1;
    }

    /** Python's {@code zipfile.is_zipfile}, with the extra sanity check of {@link #findEocd}. */
    static boolean isZip(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return findEocd(ch) >= 0;
        }
    }

    /**
     * Python's {@code tarfile.is_tarfile}: the first 512 bytes, read plain, through gzip or
     * through bzip2, are a tar header with a valid checksum. (Python also tries xz and zstd,
     * which this project has no decoder for.)
     */
    static boolean isTar(Path file) throws IOException {
        byte[] head = new byte[TAR_BLOCK];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, TAR_BLOCK);
        }
        if (n == TAR_BLOCK && isTarHeader(head)) {
            return true;
        }
        if (n >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return decompressedIsTar(file, false);
        }
        if (n >= 3 && head[0] == 'B' && head[1] == 'Z' && head[2] == 'h') {
            return decompressedIsTar(file, true);
        }
        return false;
    }

    /** Whether the file starts with the gzip magic bytes. */
    static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(2);
            return magic.length == 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b;
        }
    }

    private static boolean decompressedIsTar(Path file, boolean bzip2) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = bzip2 ? new BZip2CompressorInputStream(raw)
                        : new GzipCompressorInputStream(raw)) {
            byte[] block = in.readNBytes(TAR_BLOCK);
            return block.length == TAR_BLOCK && isTarHeader(block);
        } catch (IOException | RuntimeException e) {
            // Not decodable, so not a tar for Python either. A genuine read failure of the file
            // would have shown in the plain read above.
            return false;
        }
    }

    /**
     * Python's first-header test: not all zeros, and the checksum field (octal, or base-256)
     * equals the unsigned or signed sum of the header with that field read as spaces.
     */
    static boolean isTarHeader(byte[] block) {
        boolean allZero = true;
        for (byte b : block) {
            if (b != 0) {
                allZero = false;
                break;
            }
        }
        if (allZero) {
            return false;
        }
        long stored;
        try {
            stored = TarHeaders.parseNumber(block, 148, 8);
        } catch (NumberFormatException e) {
            return false;
        }
        long unsigned = 8 * ' ';
        long signed = 8 * ' ';
        for (int i = 0; i < TAR_BLOCK; i++) {
            if (i >= 148 && i < 156) {
                continue;
            }
            unsigned += block[i] & 0xff;
            signed += block[i];
        }
        return stored == unsigned || stored == signed;
    }

    static ByteBuffer read(FileChannel ch, long position, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buf.hasRemaining()) {
            int n = ch.read(buf, position + buf.position());
            if (n < 0) {
                break;
            }
        }
        return buf.flip();
    }
}
