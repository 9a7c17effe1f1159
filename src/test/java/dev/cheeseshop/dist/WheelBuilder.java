package dev.cheeseshop.dist;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A wheel under construction, from {@link TestArchives#wheel}: by default
 * {@code <escaped>/__init__.py} and a {@code .dist-info} with METADATA, WHEEL and a RECORD that
 * lists every member with its hash.
 */
public final class WheelBuilder {
    private final String name;
    private final String version;
    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private final Map<String, byte[]> distInfoFiles = new LinkedHashMap<>();
    private String tag = "py3-none-any";
    private String distInfoDir;
    private boolean record = true;
    private boolean stored;

    WheelBuilder(String name, String version) {
        this.name = name;
        this.version = version;
        files.put(TestArchives.escaped(name) + "/__init__.py", TestArchives.utf8("VALUE = 1\n"));
        distInfoFiles.put("METADATA", TestArchives.utf8(TestArchives.metadata(name, version)));
        distInfoFiles.put("WHEEL", TestArchives.utf8("Wheel-Version: 1.0\nGenerator: cheeseshop-tests\n"
                + "Root-Is-Purelib: true\nTag: py3-none-any\n"));
    }

    /** Replaces the METADATA text. */
    public WheelBuilder metadata(String text) {
        return metadata(TestArchives.utf8(text));
    }

    /** Replaces the METADATA bytes, exactly. */
    public WheelBuilder metadata(byte[] bytes) {
        distInfoFiles.put("METADATA", bytes.clone());
        return this;
    }

    /** Replaces the WHEEL text. */
    public WheelBuilder wheelFile(String text) {
        distInfoFiles.put("WHEEL", TestArchives.utf8(text));
        return this;
    }

    /** Adds (or replaces) a file in the .dist-info directory, e.g. {@code entry_points.txt}. */
    public WheelBuilder distInfoFile(String name, String content) {
        distInfoFiles.put(name, TestArchives.utf8(content));
        return this;
    }

    /** Leaves {@code METADATA}, {@code WHEEL} or {@code RECORD} out of the .dist-info. */
    public WheelBuilder without(String distInfoFile) {
        if (distInfoFile.equals("RECORD")) {
            record = false;
        } else {
            distInfoFiles.remove(distInfoFile);
        }
        return this;
    }

    /** Adds a member at any path (outside the .dist-info too). */
    public WheelBuilder file(String path, String content) {
        return file(path, TestArchives.utf8(content));
    }

    public WheelBuilder file(String path, byte[] content) {
        files.put(path, content.clone());
        return this;
    }

    /** The compatibility tag part of the filename, default {@code py3-none-any}. */
    public WheelBuilder tag(String tag) {
        this.tag = tag;
        return this;
    }

    /** Names the .dist-info directory differently from {@code <escaped>-<version>.dist-info}. */
    public WheelBuilder distInfoDir(String dir) {
        this.distInfoDir = dir;
        return this;
    }

    /** Stores members uncompressed instead of deflating them. */
    public WheelBuilder stored() {
        this.stored = true;
        return this;
    }

    public String distInfo() {
        return distInfoDir != null ? distInfoDir : TestArchives.escaped(name) + "-" + version + ".dist-info";
    }

    /** {@code <escaped name>-<version>-<tag>.whl}. */
    public String filename() {
        return TestArchives.escaped(name) + "-" + version + "-" + tag + ".whl";
    }

    /** Every member, in the order written. */
    public Map<String, byte[]> members() {
        Map<String, byte[]> all = new LinkedHashMap<>(files);
        distInfoFiles.forEach((file, bytes) -> all.put(distInfo() + "/" + file, bytes));
        if (record) {
            all.put(distInfo() + "/RECORD", TestArchives.record(all, distInfo() + "/RECORD"));
        }
        return all;
    }

    /** Writes {@code dir/filename()}. */
    public Path writeTo(Path dir) throws IOException {
        return writeTo(dir, filename());
    }

    public Path writeTo(Path dir, String filename) throws IOException {
        Path out = dir.resolve(filename);
        TestArchives.writeZip(out, members(), stored);
        return out;
    }
}
