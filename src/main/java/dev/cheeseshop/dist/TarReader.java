package dev.cheeseshop.dist;

import dev.cheeseshop.dist.DistProblem.Kind;
import dev.cheeseshop.dist.DistProblem.TarFlaw;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads a tar stream once, member by member, as Python's tarfile names members: ustar prefix,
 * GNU long names and links, pax extended headers (local and global) for {@code path},
 * {@code linkpath} and {@code size}; directories lose their trailing slash. Every byte taken from
 * the (decompressed) stream is counted against the total and ratio limits, so a bomb stops as soon
 * as it crosses them.
 *
 * <p>Stricter than Python where Python is lenient in ways readers disagree on: a bad header after
 * the first is refused rather than taken as the end, a member cut short is refused, links,
 * directories and devices may not carry data, and sparse members are refused (as PyPI does).
 * Extended headers and long names are capped at {@value #MAX_META_BYTES} bytes.
 */
final class TarReader {
    static final int BLOCK = 512;
    static final int MAX_META_BYTES = 1024 * 1024;
    private static final int MAX_META_HEADERS = 16;

    /**
     * One member.
     *
     * @param name the full name, directories without trailing slash
     * @param type the tar type flag ({@code '0'} file, {@code '5'} directory, {@code '2'} symlink...)
     * @param linkName the link target, empty for non-links
     */
    record Member(String name, char type, long size, String linkName) {
        boolean isRegularFile() {
            return type == '0' || type == '\0' || type == '7';
        }

        boolean isDirectory() {
            return type == '5';
        }

        boolean isLink() {
            return type == '1' || type == '2';
        }
    }

    private final InputStream in;
    private final Limits limits;
    private final long compressedSize;
    private final byte[] scratch = new byte[64 * 1024];
    private final Map<String, String> globalPax = new HashMap<>();
    private long total;
    private long members;
    private long nameBytes;
    private long dataLeft;
    private long padding;
    private boolean started;
    private boolean done;

    /**
     * @param in the decompressed tar stream
     * @param compressedSize the size of the file on disk, for the ratio rule
     */
    TarReader(InputStream in, Limits limits, long compressedSize) {
        this.in = in;
        this.limits = limits;
        this.compressedSize = compressedSize;
    }

    /**
     * The next member, or null at the end of the archive (a zero block, or the stream ending
     * cleanly between members). The data of the previous member is skipped.
     */
    Member next() throws IOException, DistProblem {
        if (done) {
            return null;
        }
        skip(dataLeft + padding);
        dataLeft = 0;
        padding = 0;
        Map<String, String> pax = new HashMap<>();
        String longName = null;
        String longLink = null;
        for (int meta = 0; ; meta++) {
            byte[] block = header();
            if (block == null) {
                done = true;
                return null;
            }
            char type = (char) (block[156] & 0xff);
            long size = number(block, 124, 12);
            if (type == 'x' || type == 'X' || type == 'g' || type == 'L' || type == 'K') {
                if (meta >= MAX_META_HEADERS) {
                    throw DistProblem.tar(TarFlaw.TOO_MANY_HEADERS);
                }
                byte[] content = content(size, MAX_META_BYTES, true);
                switch (type) {
                    case 'L' -> longName = TarHeaders.nts(content, 0, content.length);
                    case 'K' -> longLink = TarHeaders.nts(content, 0, content.length);
                    case 'g' -> TarHeaders.parsePax(content, globalPax);
                    default -> TarHeaders.parsePax(content, pax);
                }
                continue;
            }
            if (type == 'S') {
                throw DistProblem.of(Kind.SPARSE_MEMBER);
            }
            return member(block, type, size, pax, longName, longLink);
        }
    }

    private Member member(byte[] block, char type, long size, Map<String, String> pax,
            String longName, String longLink) throws DistProblem {
        String name = TarHeaders.nts(block, 0, 100);
        String prefix = TarHeaders.nts(block, 345, 155);
        if (!prefix.isEmpty()) {
            name = prefix + "/" + name;
        }
        String link = TarHeaders.nts(block, 157, 100);
        if (type == '\0' && name.endsWith("/")) {
            type = '5'; // old V7 way of marking a directory
        }
        Map<String, String> merged = new HashMap<>(globalPax);
        if (longName != null) {
            merged.put("path", longName);
        }
        if (longLink != null) {
            merged.put("linkpath", longLink);
        }
        merged.putAll(pax);
        if (merged.keySet().stream().anyMatch(k -> k.startsWith("GNU.sparse."))) {
            throw DistProblem.of(Kind.SPARSE_MEMBER);
        }
        name = merged.getOrDefault("path", name);
        link = merged.getOrDefault("linkpath", link);
        if (merged.containsKey("size")) {
            try {
                size = Long.parseLong(merged.get("size"));
            } catch (NumberFormatException e) {
                throw DistProblem.tar(TarFlaw.MALFORMED_HEADER);
            }
        }
        if (size < 0) {
            throw DistProblem.tar(TarFlaw.MALFORMED_HEADER);
        }
        if (type == '5') {
            while (name.endsWith("/")) {
                name = name.substring(0, name.length() - 1);
            }
        }
        if (++members > limits.maxMembers()) {
            throw DistProblem.of(Kind.TOO_MANY_MEMBERS, limits.maxMembers());
        }
        nameBytes += name.length() + link.length();
        if (nameBytes > limits.maxNameBytes()) {
            throw DistProblem.of(Kind.NAMES_TOO_LONG, limits.maxNameBytes());
        }
        if (type >= '1' && type <= '6' && size != 0) {
            throw DistProblem.tar(TarFlaw.DATA_ON_NON_FILE);
        }
        dataLeft = size;
        padding = pad(size);
        return new Member(name, type, size, link);
    }

    /** The current member's data, which must be at most {@code cap} bytes. */
    byte[] readData(String name, int cap) throws IOException, DistProblem {
        byte[] data = content(dataLeft, cap, false);
        if (data == null) {
            throw DistProblem.of(Kind.MEMBER_TOO_LARGE, PyRepr.of(name), cap);
        }
        dataLeft = 0;
        return data;
    }

    /** Bytes taken from the decompressed stream so far. */
    long bytesRead() {
        return total;
    }

    /** The next header block, or null at the end of the archive. */
    private byte[] header() throws IOException, DistProblem {
        byte[] block = new byte[BLOCK];
        int n = readFully(block, BLOCK);
        boolean first = !started;
        started = true;
        if (n == 0 && !first) {
            return null;
        }
        if (n < BLOCK) {
            throw first ? DistProblem.of(Kind.NOT_A_TAR) : DistProblem.of(Kind.CORRUPT);
        }
        if (!ArchiveSniffer.isTarHeader(block)) {
            boolean zero = isZero(block);
            if (first) {
                throw DistProblem.of(Kind.NOT_A_TAR);
            }
            if (zero) {
                return null;
            }
            throw DistProblem.tar(TarFlaw.MALFORMED_HEADER);
        }
        return block;
    }

    /** Reads {@code size} bytes plus padding; null (or a refusal, for metadata) above the cap. */
    private byte[] content(long size, int cap, boolean meta) throws IOException, DistProblem {
        if (size > cap) {
            if (meta) {
                throw DistProblem.tar(TarFlaw.HEADER_TOO_LARGE);
            }
            return null;
        }
        byte[] data = new byte[(int) size];
        if (readFully(data, data.length) < data.length) {
            throw DistProblem.of(Kind.CORRUPT);
        }
        if (meta) {
            skip(pad(size));
        }
        return data;
    }

    private long number(byte[] block, int offset, int length) throws DistProblem {
        try {
            return TarHeaders.parseNumber(block, offset, length);
        } catch (NumberFormatException e) {
            throw DistProblem.tar(TarFlaw.MALFORMED_HEADER);
        }
    }

    private static long pad(long size) {
        return (BLOCK - size % BLOCK) % BLOCK;
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private void skip(long n) throws IOException, DistProblem {
        while (n > 0) {
            int want = (int) Math.min(scratch.length, n);
            int got = readFully(scratch, want);
            if (got < want) {
                throw DistProblem.of(Kind.CORRUPT);
            }
            n -= got;
        }
    }

    /** Reads up to {@code length} bytes, fewer only at the end of the stream, counting them. */
    private int readFully(byte[] buf, int length) throws IOException, DistProblem {
        int off = 0;
        while (off < length) {
            int n = in.read(buf, off, length - off);
            if (n < 0) {
                break;
            }
            off += n;
            total += n;
            if (limits.exceedsRatio(total, compressedSize)) {
                throw DistProblem.of(Kind.COMPRESSION_RATIO, limits.maxRatio());
            }
            if (total > limits.maxTotalUncompressed()) {
                throw DistProblem.of(Kind.TOO_LARGE_UNCOMPRESSED, limits.maxTotalUncompressed());
            }
        }
        return off;
    }
}
