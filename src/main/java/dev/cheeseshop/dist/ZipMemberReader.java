package dev.cheeseshop.dist;

import dev.cheeseshop.dist.DistProblem.Kind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads one member of a checked {@link ZipArchive} into memory, never trusting its header: the
 * declared size must be within the cap before anything is inflated, and inflating stops as soon
 * as the output passes the declared size. The result must match the declared size and CRC-32.
 */
final class ZipMemberReader {
    private static final int CHUNK = 64 * 1024;

    private ZipMemberReader() {
    }

    static byte[] read(FileChannel ch, ZipArchive.Entry entry, int cap)
            throws IOException, DistProblem {
        String quoted = PyRepr.of(entry.name());
        if (entry.size() > cap) {
            throw DistProblem.of(Kind.MEMBER_TOO_LARGE, quoted, cap);
        }
        byte[] out = switch (entry.method()) {
            case ZipArchive.STORED -> stored(ch, entry, quoted);
            case ZipArchive.DEFLATED -> inflate(ch, entry, quoted);
            default -> throw DistProblem.of(Kind.UNSUPPORTED_COMPRESSION);
        };
        CRC32 crc = new CRC32();
        crc.update(out);
        if (crc.getValue() != entry.crc()) {
            throw DistProblem.of(Kind.MEMBER_CRC_MISMATCH, quoted);
        }
        return out;
    }

    private static byte[] stored(FileChannel ch, ZipArchive.Entry entry, String quoted)
            throws IOException, DistProblem {
        if (entry.compressedSize() != entry.size()) {
            throw DistProblem.of(Kind.MEMBER_SIZE_MISMATCH, quoted);
        }
        ByteBuffer data = ArchiveSniffer.read(ch, entry.dataOffset(), (int) entry.size());
        if (data.limit() != entry.size()) {
            throw DistProblem.of(Kind.CORRUPT);
        }
        return data.array();
    }

    private static byte[] inflate(FileChannel ch, ZipArchive.Entry entry, String quoted)
            throws IOException, DistProblem {
        byte[] out = new byte[(int) entry.size()];
        byte[] probe = new byte[1];
        int produced = 0;
        long position = entry.dataOffset();
        long remaining = entry.compressedSize();
        boolean padded = false;
        Inflater inflater = new Inflater(true);
        try {
            while (!inflater.finished()) {
                if (inflater.needsInput()) {
                    if (remaining > 0) {
                        ByteBuffer chunk = ArchiveSniffer.read(ch, position, (int) Math.min(CHUNK, remaining));
                        if (chunk.limit() == 0) {
                            throw DistProblem.of(Kind.CORRUPT);
                        }
                        position += chunk.limit();
                        remaining -= chunk.limit();
                        inflater.setInput(chunk.array(), 0, chunk.limit());
                    } else if (!padded) {
                        padded = true; // raw inflate may want one byte past the data to finish
                        inflater.setInput(new byte[1]);
                    } else {
                        throw DistProblem.of(Kind.CORRUPT); // the deflate stream is cut short
                    }
                }
                if (inflater.needsDictionary()) {
                    throw DistProblem.of(Kind.CORRUPT);
                }
                if (produced < out.length) {
                    produced += inflater.inflate(out, produced, out.length - produced);
                } else if (inflater.inflate(probe) > 0) {
                    // More data than the header declared: stop here, however much there is.
                    throw DistProblem.of(Kind.MEMBER_SIZE_MISMATCH, quoted);
                }
            }
        } catch (DataFormatException e) {
            throw DistProblem.of(Kind.CORRUPT);
        } finally {
            inflater.end();
        }
        if (produced != out.length) {
            throw DistProblem.of(Kind.MEMBER_SIZE_MISMATCH, quoted);
        }
        return out;
    }
}
