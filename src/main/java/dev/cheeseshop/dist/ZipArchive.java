package dev.cheeseshop.dist;

import dev.cheeseshop.dist.DistProblem.Kind;
import dev.cheeseshop.dist.DistProblem.ZipFlaw;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A zip file whose record framing has been checked, in the manner of Warehouse's
 * {@code validate_zipfile}: walking from byte 0, the file must be exactly a run of local file
 * records (header then data, no data descriptors), the central directory, an optional ZIP64 end
 * record and locator, and the end record with its comment, nothing before and nothing after. Every
 * central directory entry must name a local record at its offset with the same name, sizes,
 * method and CRC, and no name may repeat. Then a reader that trusts the central directory (as
 * Python's zipfile and pip do) and one that streams local headers see the same members.
 */
final class ZipArchive {
    static final int STORED = 0;
    static final int DEFLATED = 8;
    private static final int LOCAL_SIG = 0x04034b50;
    private static final int EOCD64_SIG = 0x06064b50;
    private static final int LOCATOR_SIG = 0x07064b50;
    private static final long U32 = 0xFFFFFFFFL;

    /**
     * One member, as the central directory describes it.
     *
     * @param name the decoded name
     * @param dataOffset where its compressed bytes start
     */
    record Entry(String name, int flags, int method, long crc, long compressedSize, long size,
            long localOffset, long dataOffset) {
    }

    private record Local(long offset, int flags, int method, long crc, long compressedSize,
            long size, long dataOffset) {
    }

    /** A central directory record as read, checked against the local records after the walk. */
    private record Central(String key, int flags, int method, long crc,
            long compressedSize, long size, long localOffset) {
    }

    private final FileChannel ch;
    private final Limits limits;
    private final long fileSize;
    private final Map<String, Local> locals = new LinkedHashMap<>(); // keyed by raw name bytes
    private final List<Central> centralRecords = new ArrayList<>();
    private final Map<String, Entry> central = new LinkedHashMap<>();
    /** From the end record(s): entries, size, offset; then the walked CD's offset and size. */
    private long[] end;
    private long localNameBytes;
    private long centralNameBytes;

    private ZipArchive(FileChannel ch, Limits limits) throws IOException {
        this.ch = ch;
        this.limits = limits;
        this.fileSize = ch.size();
    }

    /**
     * Checks the framing of the zip open on {@code ch} and lists its members.
     *
     * @throws DistProblem {@code NOT_A_ZIP}, {@code ZIP_NOT_ACCEPTED}, {@code TOO_MANY_MEMBERS}
     *     or {@code NAMES_TOO_LONG}
     */
    static List<Entry> read(FileChannel ch, Limits limits) throws IOException, DistProblem {
        long eocd = ArchiveSniffer.findEocd(ch);
        if (eocd < 0) {
            throw DistProblem.of(Kind.NOT_A_ZIP);
        }
        ZipArchive zip = new ZipArchive(ch, limits);
        zip.walk(eocd);
        // The same order as Warehouse, which checks each record as it walks past it.
        zip.checkLocals();
        zip.checkCentralDirectory();
        zip.checkEnd();
        return List.copyOf(zip.central.values());
    }

    private void walk(long expectedEocd) throws IOException, DistProblem {
        long pos = 0;
        int phase = 0; // 0 local records, 1 central directory, 2 after EOCD64, 3 after locator
        long cdStart = -1;
        long cdBytes = 0;
        long eocd64At = -1;
        long[] zip64 = null; // entries, cd size, cd offset from the ZIP64 end record
        while (true) {
            int sig = bytes(pos, 4).getInt(0);
            if (sig == LOCAL_SIG && phase == 0) {
                pos = local(pos);
            } else if (sig == ArchiveSniffer.CD_SIGNATURE && phase <= 1) {
                phase = 1;
                cdStart = cdStart < 0 ? pos : cdStart;
                long next = centralEntry(pos);
                cdBytes += next - pos;
                pos = next;
            } else if (sig == EOCD64_SIG && phase <= 1) {
                phase = 2;
                eocd64At = pos;
                ByteBuffer b = bytes(pos, 56);
                if (b.getLong(4) != 44) {
                    throw DistProblem.zip(ZipFlaw.ZIP64_EXTENSIBLE_DATA);
                }
                if (b.getInt(16) != 0 || b.getInt(20) != 0 || b.getLong(24) != b.getLong(32)) {
                    throw DistProblem.zip(ZipFlaw.MALFORMED);
                }
                zip64 = new long[] {b.getLong(32), b.getLong(40), b.getLong(48)};
                pos += 56;
            } else if (sig == LOCATOR_SIG && phase == 2) {
                phase = 3;
                ByteBuffer b = bytes(pos, 20);
                if (b.getInt(4) != 0 || b.getLong(8) != eocd64At || b.getInt(16) > 1) {
                    throw DistProblem.zip(ZipFlaw.MALFORMED);
                }
                pos += 20;
            } else if (sig == ArchiveSniffer.EOCD_SIGNATURE && phase != 2) {
                endOfCentralDirectory(pos, cdStart < 0 ? pos : cdStart, cdBytes, zip64);
                long stop = pos + 22 + Short.toUnsignedInt(bytes(pos, 22).getShort(20));
                if (stop > fileSize || pos != expectedEocd) {
                    throw DistProblem.zip(ZipFlaw.MALFORMED);
                }
                if (stop != fileSize) {
                    throw DistProblem.zip(ZipFlaw.TRAILING_DATA);
                }
                return;
            } else if (sig == LOCAL_SIG || sig == ArchiveSniffer.CD_SIGNATURE || sig == EOCD64_SIG
                    || sig == LOCATOR_SIG || sig == ArchiveSniffer.EOCD_SIGNATURE) {
                throw DistProblem.zip(ZipFlaw.MALFORMED); // a known record out of its place
            } else {
                throw DistProblem.zip(ZipFlaw.UNKNOWN_SIGNATURE);
            }
        }
    }

    /** Reads the local record at {@code pos}; returns where the next record starts. */
    private long local(long pos) throws IOException, DistProblem {
        ByteBuffer h = bytes(pos, 30);
        int flags = Short.toUnsignedInt(h.getShort(6));
        int method = Short.toUnsignedInt(h.getShort(8));
        long crc = Integer.toUnsignedLong(h.getInt(14));
        long csize = Integer.toUnsignedLong(h.getInt(18));
        long usize = Integer.toUnsignedLong(h.getInt(22));
        int nameLen = Short.toUnsignedInt(h.getShort(26));
        int extraLen = Short.toUnsignedInt(h.getShort(28));
        byte[] name = array(pos + 30, nameLen);
        ByteBuffer extra = bytes(pos + 30 + nameLen, extraLen);
        checkName(name, true);
        long[] sizes = ZipExtras.local(extra, name, method, csize, usize);
        if ((flags & 0x08) != 0) {
            throw DistProblem.zip(ZipFlaw.DATA_DESCRIPTOR);
        }
        if ((flags & 0x41) != 0) {
            throw DistProblem.zip(ZipFlaw.ENCRYPTED);
        }
        String key = new String(name, StandardCharsets.ISO_8859_1);
        long dataOffset = pos + 30 + nameLen + extraLen;
        if (locals.put(key, new Local(pos, flags, method, crc, sizes[0], sizes[1], dataOffset)) != null) {
            throw DistProblem.zip(ZipFlaw.DUPLICATE_IN_LOCAL_HEADERS);
        }
        if (locals.size() > limits.maxMembers()) {
            throw DistProblem.of(Kind.TOO_MANY_MEMBERS, limits.maxMembers());
        }
        if (sizes[0] < 0 || sizes[0] > fileSize - dataOffset) {
            throw DistProblem.zip(ZipFlaw.MALFORMED);
        }
        return dataOffset + sizes[0];
    }

    /** Reads the central directory entry at {@code pos}; returns where the next record starts. */
    private long centralEntry(long pos) throws IOException, DistProblem {
        ByteBuffer h = bytes(pos, 46);
        int flags = Short.toUnsignedInt(h.getShort(8));
        int method = Short.toUnsignedInt(h.getShort(10));
        long crc = Integer.toUnsignedLong(h.getInt(16));
        int nameLen = Short.toUnsignedInt(h.getShort(28));
        int extraLen = Short.toUnsignedInt(h.getShort(30));
        if (h.getShort(32) != 0) {
            throw DistProblem.zip(ZipFlaw.CENTRAL_DIRECTORY_COMMENT);
        }
        byte[] name = array(pos + 46, nameLen);
        checkName(name, false);
        long[] values = ZipExtras.central(bytes(pos + 46 + nameLen, extraLen), name,
                Integer.toUnsignedLong(h.getInt(24)), Integer.toUnsignedLong(h.getInt(20)),
                Integer.toUnsignedLong(h.getInt(42)), Short.toUnsignedInt(h.getShort(34)));
        if ((flags & 0x41) != 0) {
            throw DistProblem.zip(ZipFlaw.ENCRYPTED);
        }
        centralRecords.add(new Central(new String(name, StandardCharsets.ISO_8859_1), flags,
                method, crc, values[1], values[0], values[2]));
        if (centralRecords.size() > limits.maxMembers()) {
            throw DistProblem.of(Kind.TOO_MANY_MEMBERS, limits.maxMembers());
        }
        return pos + 46 + nameLen + extraLen;
    }

    private void endOfCentralDirectory(long pos, long cdStart, long cdBytes, long[] zip64)
            throws IOException, DistProblem {
        ByteBuffer b = bytes(pos, 22);
        long[] values = {Short.toUnsignedLong(b.getShort(10)), Integer.toUnsignedLong(b.getInt(12)),
                Integer.toUnsignedLong(b.getInt(16))};
        if (b.getShort(4) != 0 || b.getShort(6) != 0 || b.getShort(8) != b.getShort(10)) {
            throw DistProblem.zip(ZipFlaw.MALFORMED);
        }
        if (zip64 != null) {
            long[] sentinels = {0xFFFF, U32, U32};
            for (int i = 0; i < 3; i++) {
                if (values[i] != sentinels[i] && values[i] != zip64[i]) {
                    throw DistProblem.zip(ZipFlaw.MALFORMED); // the two end records disagree
                }
            }
            values = zip64;
        }
        end = new long[] {values[0], values[1], values[2], cdStart, cdBytes};
    }

    /** Every local record must be in the central directory, and agree with its entry there. */
    private void checkLocals() throws DistProblem {
        Map<String, Central> byKey = new HashMap<>();
        centralRecords.forEach(c -> byKey.putIfAbsent(c.key(), c));
        for (Map.Entry<String, Local> e : locals.entrySet()) {
            Central cd = byKey.get(e.getKey());
            Local local = e.getValue();
            if (cd == null) {
                throw DistProblem.zip(ZipFlaw.NOT_IN_CENTRAL_DIRECTORY);
            }
            if (cd.compressedSize() != local.compressedSize()) {
                throw DistProblem.zip(ZipFlaw.MISMATCHED_DATA_SIZE);
            }
            if (cd.size() != local.size()) {
                throw DistProblem.zip(ZipFlaw.MISMATCHED_FILE_SIZE);
            }
        }
    }

    /** Central directory names are unique, each names a local record at its offset. */
    private void checkCentralDirectory() throws DistProblem {
        for (Central cd : centralRecords) {
            if (central.containsKey(cd.key())) {
                throw DistProblem.zip(ZipFlaw.DUPLICATE_IN_CENTRAL_DIRECTORY);
            }
            Local local = locals.get(cd.key());
            if (local == null) {
                throw DistProblem.zip(ZipFlaw.MISSING_IN_LOCAL_HEADERS);
            }
            if (cd.localOffset() != local.offset() || cd.method() != local.method()
                    || cd.crc() != local.crc() || (cd.flags() & 0x0800) != (local.flags() & 0x0800)) {
                throw DistProblem.zip(ZipFlaw.MISMATCHED_HEADERS);
            }
            central.put(cd.key(), new Entry(ZipExtras.decodeName(cd.key().getBytes(StandardCharsets.ISO_8859_1), cd.flags()), cd.flags(),
                    cd.method(), cd.crc(), cd.compressedSize(), cd.size(), cd.localOffset(),
                    local.dataOffset()));
        }
    }

    /** The end record describes the central directory that was walked. */
    private void checkEnd() throws DistProblem {
        if (end[0] != centralRecords.size()) {
            throw DistProblem.zip(ZipFlaw.MISMATCHED_RECORD_COUNT);
        }
        if (end[2] != end[3]) {
            throw DistProblem.zip(ZipFlaw.MISMATCHED_OFFSET);
        }
        if (end[1] != end[4]) {
            throw DistProblem.zip(ZipFlaw.MISMATCHED_SIZE);
        }
    }

    private void checkName(byte[] name, boolean local) throws DistProblem {
        for (byte b : name) {
            if ((b & 0xff) < 0x20 || b == 0x7f) {
                throw DistProblem.zip(ZipFlaw.INVALID_CHARACTER);
            }
        }
        long total = local ? (localNameBytes += name.length) : (centralNameBytes += name.length);
        if (total > limits.maxNameBytes()) {
            throw DistProblem.of(Kind.NAMES_TOO_LONG, limits.maxNameBytes());
        }
    }

    private ByteBuffer bytes(long pos, int length) throws IOException, DistProblem {
        if (pos < 0 || pos + length > fileSize) {
            throw DistProblem.zip(ZipFlaw.MALFORMED);
        }
        return ArchiveSniffer.read(ch, pos, length);
    }

    private byte[] array(long pos, int length) throws IOException, DistProblem {
        return bytes(pos, length).array();
    }

    static List<String> names(List<Entry> entries) {
        List<String> out = new ArrayList<>(entries.size());
        entries.forEach(e -> out.add(e.name()));
        return out;
    }
}
