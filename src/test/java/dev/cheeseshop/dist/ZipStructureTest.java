package dev.cheeseshop.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cheeseshop.dist.DistProblem.Kind;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The structural zip rules that keep every zip reader seeing the same members (Warehouse's
 * {@code validate_zipfile}), exercised through wheel inspection.
 */
class ZipStructureTest {
    private static final String SEE = ". See https://docs.pypi.org/archives for more information";
    private static final String INIT = "demo/__init__.py";

    @TempDir
    Path tmp;

    private final DistInspector inspector = new DistInspector();
    private WheelBuilder builder;
    private ZipSurgery zip;

    @BeforeEach
    void wellFormedWheel() throws IOException {
        builder = TestArchives.wheel("demo", "1.0");
        zip = ZipSurgery.of(builder.writeTo(tmp));
    }

    private AbstractThrowableAssert<?, ?> notAccepted(String reason) throws IOException {
        Path file = zip.writeTo(tmp.resolve("edited.whl"));
        return assertThatThrownBy(() -> inspector.inspectWheel(file, builder.filename()))
                .isInstanceOfSatisfying(DistProblem.class, p -> {
                    assertThat(p.kind()).isEqualTo(Kind.ZIP_NOT_ACCEPTED);
                    assertThat(p.getMessage()).isEqualTo(
                            "Invalid distribution file. ZIP archive not accepted: " + reason + SEE);
                });
    }

    @Test
    void theUneditedWheelIsAccepted() throws Exception {
        Path file = zip.writeTo(tmp.resolve("edited.whl"));
        assertThat(inspector.inspectWheel(file, builder.filename()).memberNames()).contains(INIT);
    }

    @Test
    void zip64RecordsAreUnderstood() throws Exception {
        // Every size and offset in ZIP64 extras, and the ZIP64 end record and locator.
        Path file = tmp.resolve("zip64.whl");
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(file)) {
            out.setUseZip64(Zip64Mode.Always);
            for (var member : builder.members().entrySet()) {
                ZipArchiveEntry e = new ZipArchiveEntry(member.getKey());
                out.putArchiveEntry(e);
                out.write(member.getValue());
                out.closeArchiveEntry();
            }
        }
        WheelInfo info = inspector.inspectWheel(file, builder.filename());
        assertThat(info.parseMetadata().get("Name")).contains("demo");
        assertThat(ZipSurgery.of(file).bytes()).hasSizeGreaterThan(Files.readAllBytes(
                tmp.resolve(builder.filename())).length); // the extras really are there
    }

    @Test
    void duplicateNameInTheCentralDirectory() throws IOException {
        zip.duplicateCentral(INIT);
        notAccepted("Duplicate filename in central directory");
    }

    @Test
    void duplicateNameInTheLocalHeaders() throws IOException {
        builder = TestArchives.wheel("demo", "1.0").file("demo/a.py", "a").file("demo/b.py", "b");
        zip = ZipSurgery.of(builder.writeTo(tmp)).renameLocal("demo/b.py", "demo/a.py");
        notAccepted("Duplicate filename in local headers");
    }

    @Test
    void localHeaderNameDiffersFromTheCentralDirectory() throws IOException {
        zip.renameLocal(INIT, "demo/__evil__.py");
        notAccepted("Filename not in central directory");
    }

    @Test
    void centralEntryWithoutALocalRecord() throws IOException {
        zip.duplicateCentral("demo-1.0.dist-info/WHEEL");
        zip.renameCentral("demo-1.0.dist-info/WHEEL", "demo-1.0.dist-info/WHEEZ");
        notAccepted("Missing filename in local headers");
    }

    @Test
    void memberMissingFromTheCentralDirectory() throws IOException {
        zip.removeCentral(INIT);
        notAccepted("Filename not in central directory");
    }

    @Test
    void centralDirectoryNameDiffersFromTheLocalHeader() throws IOException {
        builder = TestArchives.wheel("demo", "1.0").file("demo/a.py", "a").file("demo/b.py", "b");
        zip = ZipSurgery.of(builder.writeTo(tmp)).renameCentral("demo/b.py", "demo/a.py");
        notAccepted("Filename not in central directory");
    }

    @Test
    void centralDirectoryPointsAtAnotherMembersHeader() throws IOException {
        builder = TestArchives.wheel("demo", "1.0").file("demo/a.py", "a").file("demo/b.py", "b");
        zip = ZipSurgery.of(builder.writeTo(tmp));
        zip.centralInt("demo/b.py", 42, zip.local("demo/a.py"));
        notAccepted("Mis-matched local headers and central directory");
    }

    @Test
    void sizesDifferBetweenTheHeaders() throws IOException {
        zip.centralInt(INIT, 24, 999);
        notAccepted("Mis-matched file size");
    }

    @Test
    void compressedSizesDifferBetweenTheHeaders() throws IOException {
        zip.centralInt(INIT, 20, 999);
        notAccepted("Mis-matched data size");
    }

    @Test
    void trailingDataAfterTheEndRecord() throws IOException {
        zip.append("trailing".getBytes(StandardCharsets.US_ASCII));
        notAccepted("Trailing data");
    }

    @Test
    void dataBeforeTheFirstRecord() throws IOException {
        zip.prepend("#!/bin/sh\nexit 0\n".getBytes(StandardCharsets.US_ASCII));
        notAccepted("Unknown record signature");
    }

    @Test
    void anArchiveCommentIsFine() throws Exception {
        zip.comment("made by hand".getBytes(StandardCharsets.US_ASCII));
        Path file = zip.writeTo(tmp.resolve("edited.whl"));
        assertThat(inspector.inspectWheel(file, builder.filename()).distInfoDir())
                .isEqualTo("demo-1.0.dist-info");
    }

    @Test
    void aCommentHidingASecondArchive() throws IOException {
        // Python's zipfile reads the last end record, the one inside the comment; a streaming
        // reader reads the first. Refused, so they cannot disagree.
        byte[] inner = Files.readAllBytes(TestArchives.wheel("other", "6.6").writeTo(tmp));
        zip.comment(inner);
        notAccepted("Malformed zip file");
    }

    @Test
    void commentOnACentralDirectoryEntry() throws IOException {
        zip.centralShort(INIT, 32, 4);
        notAccepted("Comment in central directory");
    }

    @Test
    void endRecordCountsTheWrongNumberOfEntries() throws IOException {
        int eocd = zip.eocd();
        zip.put(eocd + 8, new byte[] {9, 0, 9, 0});
        notAccepted("Mismatched central directory records");
    }

    @Test
    void dataDescriptorsAreRefused() throws IOException {
        // java.util.zip writes deflated members with a data descriptor after their data.
        Path file = tmp.resolve(builder.filename());
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream z = new ZipOutputStream(out)) {
            for (var member : builder.members().entrySet()) {
                z.putNextEntry(new ZipEntry(member.getKey()));
                z.write(member.getValue());
                z.closeEntry();
            }
        }
        zip = ZipSurgery.of(file);
        notAccepted("ZIP contains a data descriptor");
    }

    @Test
    void encryptedMembers() throws IOException {
        zip.flags(INIT, 0x0801);
        notAccepted("ZIP contains an encrypted member");
    }

    @Test
    void controlCharacterInAName() throws IOException {
        zip.rename(INIT, "demo/__init\n_.py");
        notAccepted("Invalid character in filename");
    }

    @Test
    void nonAsciiNameWithoutTheUtf8Flag() throws IOException {
        builder = TestArchives.wheel("demo", "1.0").file("demo/é.py", "x");
        zip = ZipSurgery.of(builder.writeTo(tmp)).flags("demo/é.py", 0);
        notAccepted("Filename not in central directory");
    }

    @Test
    void invalidUtf8NameWithTheUtf8Flag() throws IOException {
        builder = TestArchives.wheel("demo", "1.0").file("demo/é.py", "x");
        zip = ZipSurgery.of(builder.writeTo(tmp));
        int local = zip.local("demo/é.py");
        int central = zip.central("demo/é.py");
        byte[] bad = {(byte) 0xc3, (byte) 0x28};
        zip.put(local + 30 + 5, bad).put(central + 46 + 5, bad);
        notAccepted("Filename not unicode");
    }

    @Test
    void emptyZip() throws IOException {
        byte[] eocd = new byte[22];
        eocd[0] = 'P';
        eocd[1] = 'K';
        eocd[2] = 5;
        eocd[3] = 6;
        Path file = Files.write(tmp.resolve("empty.whl"), eocd);
        assertThatThrownBy(() -> inspector.inspectWheel(file, "demo-1.0-py3-none-any.whl"))
                .isInstanceOfSatisfying(DistProblem.class,
                        p -> assertThat(p.kind()).isEqualTo(Kind.WHEEL_FILE_MISSING));
    }

    @Test
    void truncatedFile() throws IOException {
        byte[] bytes = zip.bytes();
        Path file = Files.write(tmp.resolve("cut.whl"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> inspector.inspectWheel(file, builder.filename()))
                .isInstanceOfSatisfying(DistProblem.class,
                        p -> assertThat(p.kind()).isEqualTo(Kind.NOT_A_ZIP));
    }

    @Test
    void tooManyMembers() throws IOException {
        DistInspector small = new DistInspector(new Limits(3, 1 << 30, 1 << 20, 64L << 20, 50, 1 << 20));
        Path file = zip.writeTo(tmp.resolve("edited.whl"));
        assertThatThrownBy(() -> small.inspectWheel(file, builder.filename()))
                .isInstanceOfSatisfying(DistProblem.class, p -> {
                    assertThat(p.kind()).isEqualTo(Kind.TOO_MANY_MEMBERS);
                    assertThat(p.getMessage()).isEqualTo("Invalid distribution file. File has more than 3 members");
                });
    }

    @Test
    void namesTooLongInTotal() throws IOException {
        DistInspector small = new DistInspector(new Limits(100, 1 << 30, 1 << 20, 64L << 20, 50, 50));
        Path file = zip.writeTo(tmp.resolve("edited.whl"));
        assertThatThrownBy(() -> small.inspectWheel(file, builder.filename()))
                .isInstanceOfSatisfying(DistProblem.class,
                        p -> assertThat(p.kind()).isEqualTo(Kind.NAMES_TOO_LONG));
    }
}
