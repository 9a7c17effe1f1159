package dev.cheeseshop.dist;

import dev.cheeseshop.dist.DistProblem.ZipFlaw;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * The extra fields of zip headers that change how a member is read: ZIP64 sizes and offsets
 * ({@code 0x0001}) and the Info-ZIP Unicode path ({@code 0x7075}). The local header rules follow
 * Warehouse's {@code _handle_local_file_header}, the central directory ones Python's
 * {@code ZipInfo._decodeExtra}.
 */
final class ZipExtras {
    private static final int ZIP64 = 0x0001;
    private static final int UNICODE_PATH = 0x7075;
    private static final long U32 = 0xFFFFFFFFL;

    private ZipExtras() {
    }

    /** The local header's {compressed, uncompressed} sizes once its ZIP64 extra is applied. */
    static long[] local(ByteBuffer extra, byte[] name, int method, long csize, long usize)
            throws DistProblem {
        extra.order(ByteOrder.LITTLE_ENDIAN);
        Set<Integer> seen = new HashSet<>();
        int pos = 0;
        while (pos < extra.limit()) {
            if (extra.limit() - pos < 4) {
                throw DistProblem.zip(ZipFlaw.MALFORMED);
            }
            int id = Short.toUnsignedInt(extra.getShort(pos));
            int size = Short.toUnsignedInt(extra.getShort(pos + 2));
            int data = pos + 4;
            if (data + size > extra.limit()) {
                throw DistProblem.zip(ZipFlaw.MALFORMED);
            }
            if ((id == ZIP64 || id == UNICODE_PATH) && !seen.add(id)) {
                throw DistProblem.zip(ZipFlaw.DUPLICATE_EXTRA);
            }
            if (id == ZIP64) {
                if (size == 0) {
                    if (csize == U32 || usize == U32) {
                        throw DistProblem.zip(ZipFlaw.MALFORMED);
                    }
                } else if (size == 8) {
                    if (method != ZipArchive.STORED) {
                        throw DistProblem.zip(ZipFlaw.MALFORMED); // only one size: must be stored
                    }
                    long value = extra.getLong(data);
                    csize = value;
                    usize = usize == U32 ? value : usize;
                } else if (size == 16 || size == 24 || size == 28) {
                    usize = usize == U32 ? extra.getLong(data) : usize;
                    csize = extra.getLong(data + 8);
                } else {
                    throw DistProblem.zip(ZipFlaw.MALFORMED);
                }
            } else if (id == UNICODE_PATH) {
                unicodePath(extra, data, size, name);
            }
            pos = data + size;
        }
        return new long[] {csize, usize};
    }

    /**
     * The central directory entry's {uncompressed size, compressed size, local header offset}
     * once its ZIP64 extra is applied: each value holding the {@code 0xFFFFFFFF} sentinel is
     * read from the extra, in that order.
     */
    static long[] central(ByteBuffer extra, byte[] name, long usize, long csize, long offset,
            int diskStart) throws DistProblem {
        extra.order(ByteOrder.LITTLE_ENDIAN);
        long[] values = {usize, csize, offset};
        Set<Integer> seen = new HashSet<>();
        int pos = 0;
        while (pos < extra.limit()) {
            if (extra.limit() - pos < 4) {
                throw DistProblem.zip(ZipFlaw.MALFORMED);
            }
            int id = Short.toUnsignedInt(extra.getShort(pos));
            int size = Short.toUnsignedInt(extra.getShort(pos + 2));
            int data = pos + 4;
            if (data + size > extra.limit()) {
                throw DistProblem.zip(ZipFlaw.MALFORMED);
            }
            if ((id == ZIP64 || id == UNICODE_PATH) && !seen.add(id)) {
                throw DistProblem.zip(ZipFlaw.DUPLICATE_EXTRA);
            }
            if (id == ZIP64) {
                int at = data;
                for (int i = 0; i < 3; i++) {
                    if (values[i] == U32) {
                        if (at + 8 > data + size) {
                            throw DistProblem.zip(ZipFlaw.MALFORMED);
                        }
                        values[i] = extra.getLong(at);
                        at += 8;
                    }
                }
                if (diskStart == 0xFFFF && at + 4 <= data + size) {
                    diskStart = extra.getInt(at);
                }
            } else if (id == UNICODE_PATH) {
                unicodePath(extra, data, size, name);
            }
            pos = data + size;
        }
        if (diskStart != 0 || values[0] < 0 || values[1] < 0 || values[2] < 0) {
            throw DistProblem.zip(ZipFlaw.MALFORMED);
        }
        return values;
    }

    /**
     * An Info-ZIP Unicode path must be printable UTF-8 and, when readers would honour it
     * (version 1, CRC of the raw name), say the same as the raw name.
     */
    private static void unicodePath(ByteBuffer extra, int data, int size, byte[] name)
            throws DistProblem {
        if (size < 5) {
            throw DistProblem.zip(ZipFlaw.MALFORMED);
        }
        byte[] unicode = new byte[size - 5];
        extra.get(data + 5, unicode);
        for (byte b : unicode) {
            if ((b & 0xff) < 0x20 || b == 0x7f) {
                throw DistProblem.zip(ZipFlaw.INVALID_CHARACTER);
            }
        }
        if (utf8(unicode).isEmpty()) {
            throw DistProblem.zip(ZipFlaw.NAME_NOT_UTF8);
        }
        CRC32 crc = new CRC32();
        crc.update(name);
        boolean honoured = extra.get(data) == 1
                && Integer.toUnsignedLong(extra.getInt(data + 1)) == crc.getValue();
        if (honoured && unicode.length > 0 && !Arrays.equals(unicode, name)) {
            throw DistProblem.zip(ZipFlaw.UNICODE_PATH_MISMATCH);
        }
    }

    /**
     * The name as Python's zipfile decodes it: UTF-8 when flag bit 11 says so, else code page
     * 437. A non-ASCII name without the flag decodes differently in different readers, so it
     * is refused, as Warehouse (which looks the UTF-8 reading up among the CP437 ones) does.
     */
    static String decodeName(byte[] name, int flags) throws DistProblem {
        if ((flags & 0x0800) != 0) {
            return utf8(name).orElseThrow(() -> DistProblem.zip(ZipFlaw.NAME_NOT_UNICODE));
        }
        for (byte b : name) {
            if (b < 0) {
                throw DistProblem.zip(ZipFlaw.NOT_IN_CENTRAL_DIRECTORY);
            }
        }
        return new String(name, StandardCharsets.US_ASCII);
    }

    /** Strict UTF-8 decoding; empty when the bytes are not UTF-8. */
    static Optional<String> utf8(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
