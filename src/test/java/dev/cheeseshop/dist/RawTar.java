package dev.cheeseshop.dist;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * Writes tar archives block by block, for the members no well-behaved tar writer produces:
 * absolute and {@code ..} names, sparse members, bad checksums, directories carrying data.
 */
final class RawTar {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** A member with a ustar header; {@code data} follows, padded to a block. */
    RawTar member(String name, char type, byte[] data) {
        return member(name, type, data, "");
    }

    RawTar member(String name, char type, byte[] data, String linkName) {
        out.writeBytes(header(name, type, data.length, linkName));
        writeData(data);
        return this;
    }

    RawTar file(String name, String content) {
        return member(name, '0', content.getBytes(StandardCharsets.UTF_8));
    }

    RawTar dir(String name) {
        return member(name, '5', new byte[0]);
    }

    /** A pax extended header ({@code 'x'}) or global header ({@code 'g'}) with these records. */
    RawTar pax(char type, Map<String, String> records) {
        StringBuilder body = new StringBuilder();
        records.forEach((k, v) -> body.append(paxRecord(k, v)));
        return member("PaxHeader", type, body.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Raw bytes as they are: a header made by hand, or garbage. */
    RawTar raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    /** The two zero blocks that end an archive. */
    RawTar end() {
        out.writeBytes(new byte[1024]);
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    Path writeGz(Path file) throws IOException {
        try (OutputStream f = Files.newOutputStream(file);
                GzipCompressorOutputStream gz = new GzipCompressorOutputStream(f)) {
            gz.write(bytes());
        }
        return file;
    }

    /** A valid ustar header block. */
    static byte[] header(String name, char type, long size, String linkName) {
        byte[] h = new byte[512];
        put(h, 0, name.getBytes(StandardCharsets.UTF_8), 100);
        put(h, 100, octal(0644, 8), 8);
        put(h, 108, octal(0, 8), 8);
        put(h, 116, octal(0, 8), 8);
        put(h, 124, octal(size, 12), 12);
        put(h, 136, octal(1_700_000_000L, 12), 12);
        h[156] = (byte) type;
        put(h, 157, linkName.getBytes(StandardCharsets.UTF_8), 100);
        put(h, 257, "ustar\0".getBytes(StandardCharsets.US_ASCII), 6);
        put(h, 263, "00".getBytes(StandardCharsets.US_ASCII), 2);
        checksum(h);
        return h;
    }

    /** Recomputes a header block's checksum field. */
    static void checksum(byte[] h) {
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, (String.format("%06o", sum) + "\0 ").getBytes(StandardCharsets.US_ASCII), 8);
    }

    private static String paxRecord(String key, String value) {
        String body = " " + key + "=" + value + "\n";
        int len = body.getBytes(StandardCharsets.UTF_8).length;
        int total = len + String.valueOf(len).length();
        if (String.valueOf(total).length() != String.valueOf(len).length()) {
            total++;
        }
        return total + body;
    }

    private void writeData(byte[] data) {
        out.writeBytes(data);
        int pad = (512 - data.length % 512) % 512;
        out.writeBytes(new byte[pad]);
    }

    private static byte[] octal(long value, int width) {
        return (String.format("%0" + (width - 1) + "o", value) + "\0").getBytes(StandardCharsets.US_ASCII);
    }

    private static void put(byte[] h, int at, byte[] data, int max) {
        System.arraycopy(data, 0, h, at, Math.min(data.length, max));
    }
}
