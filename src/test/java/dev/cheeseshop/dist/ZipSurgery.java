package dev.cheeseshop.dist;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Edits the bytes of a well-formed zip (as {@link TestArchives} writes them) to make the
 * malformed ones tests need: renamed or duplicated records, changed fields, extra bytes.
 */
final class ZipSurgery {
    private static final int LOCAL_SIG = 0x04034b50;
    private static final int CD_SIG = 0x02014b50;
    private byte[] bytes;

    private ZipSurgery(byte[] bytes) {
        this.bytes = bytes;
    }

    static ZipSurgery of(Path zip) throws IOException {
        return new ZipSurgery(Files.readAllBytes(zip));
    }

    byte[] bytes() {
        return bytes.clone();
    }

    Path writeTo(Path file) throws IOException {
        Files.write(file, bytes);
        return file;
    }

    int eocd() {
        return bytes.length - 22;
    }

    int cdOffset() {
        return buf().getInt(eocd() + 16);
    }

    /** Offset of the local header of {@code name}. */
    int local(String name) {
        int pos = 0;
        while (buf().getInt(pos) == LOCAL_SIG) {
            int nameLen = u16(pos + 26);
            int extraLen = u16(pos + 28);
            if (nameAt(pos + 30, nameLen).equals(name)) {
                return pos;
            }
            pos += 30 + nameLen + extraLen + buf().getInt(pos + 18);
        }
        throw new IllegalArgumentException("no local header " + name);
    }

    /** Offset of the central directory entry of {@code name}. */
    int central(String name) {
        int pos = cdOffset();
        while (buf().getInt(pos) == CD_SIG) {
            int nameLen = u16(pos + 28);
            if (nameAt(pos + 46, nameLen).equals(name)) {
                return pos;
            }
            pos += 46 + nameLen + u16(pos + 30) + u16(pos + 32);
        }
        throw new IllegalArgumentException("no central entry " + name);
    }

    /** Renames a member in its local header only (same length). */
    ZipSurgery renameLocal(String name, String newName) {
        putName(local(name) + 30, name, newName);
        return this;
    }

    /** Renames a member in the central directory only (same length). */
    ZipSurgery renameCentral(String name, String newName) {
        putName(central(name) + 46, name, newName);
        return this;
    }

    /** Renames a member in both places (same length). */
    ZipSurgery rename(String name, String newName) {
        int cd = central(name);
        renameLocal(name, newName);
        putName(cd + 46, name, newName);
        return this;
    }

    /** Sets the compression method in both headers. */
    ZipSurgery method(String name, int method) {
        int cd = central(name);
        putShort(local(name) + 8, method);
        putShort(cd + 10, method);
        return this;
    }

    /** Sets the general purpose flags in both headers. */
    ZipSurgery flags(String name, int flags) {
        int cd = central(name);
        putShort(local(name) + 6, flags);
        putShort(cd + 8, flags);
        return this;
    }

    /** Sets the uncompressed size in both headers, keeping them consistent with each other. */
    ZipSurgery uncompressedSize(String name, long size) {
        int cd = central(name);
        putInt(local(name) + 22, size);
        putInt(cd + 24, size);
        return this;
    }

    /** Sets the CRC-32 in both headers. */
    ZipSurgery crc(String name, long crc) {
        int cd = central(name);
        putInt(local(name) + 14, crc);
        putInt(cd + 16, crc);
        return this;
    }

    /** Sets a field of the central directory entry of {@code name} only. */
    ZipSurgery centralInt(String name, int fieldOffset, long value) {
        putInt(central(name) + fieldOffset, value);
        return this;
    }

    ZipSurgery centralShort(String name, int fieldOffset, int value) {
        putShort(central(name) + fieldOffset, value);
        return this;
    }

    /** Overwrites bytes at an absolute offset. */
    ZipSurgery put(int offset, byte[] data) {
        System.arraycopy(data, 0, bytes, offset, data.length);
        return this;
    }

    /** Inserts a copy of the central entry of {@code name} right after it, fixing the end record. */
    ZipSurgery duplicateCentral(String name) {
        int cd = central(name);
        int len = 46 + u16(cd + 28) + u16(cd + 30) + u16(cd + 32);
        byte[] copy = Arrays.copyOfRange(bytes, cd, cd + len);
        insert(cd + len, copy);
        int eocd = eocd();
        putShort(eocd + 8, u16(eocd + 8) + 1);
        putShort(eocd + 10, u16(eocd + 10) + 1);
        putInt(eocd + 12, buf().getInt(eocd + 12) + len);
        return this;
    }

    /** Drops the central entry of {@code name}, fixing the end record. */
    ZipSurgery removeCentral(String name) {
        int cd = central(name);
        int len = 46 + u16(cd + 28) + u16(cd + 30) + u16(cd + 32);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(bytes, 0, cd);
        out.write(bytes, cd + len, bytes.length - cd - len);
        bytes = out.toByteArray();
        int eocd = eocd();
        putShort(eocd + 8, u16(eocd + 8) - 1);
        putShort(eocd + 10, u16(eocd + 10) - 1);
        putInt(eocd + 12, buf().getInt(eocd + 12) - len);
        return this;
    }

    ZipSurgery append(byte[] tail) {
        insert(bytes.length, tail);
        return this;
    }

    ZipSurgery prepend(byte[] head) {
        insert(0, head);
        return this;
    }

    /** Sets the end record's comment (its length field included). */
    ZipSurgery comment(byte[] comment) {
        int eocd = eocd();
        putShort(eocd + 20, comment.length);
        append(comment);
        return this;
    }

    private void insert(int at, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(bytes, 0, at);
        out.writeBytes(data);
        out.write(bytes, at, bytes.length - at);
        bytes = out.toByteArray();
    }

    private void putName(int at, String name, String newName) {
        byte[] n = newName.getBytes(StandardCharsets.UTF_8);
        if (n.length != name.getBytes(StandardCharsets.UTF_8).length) {
            throw new IllegalArgumentException("names must have the same length");
        }
        System.arraycopy(n, 0, bytes, at, n.length);
    }

    private String nameAt(int at, int len) {
        return new String(bytes, at, len, StandardCharsets.UTF_8);
    }

    private int u16(int at) {
        return Short.toUnsignedInt(buf().getShort(at));
    }

    private void putShort(int at, int value) {
        buf().putShort(at, (short) value);
    }

    private void putInt(int at, long value) {
        buf().putInt(at, (int) value);
    }

    private ByteBuffer buf() {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }
}
