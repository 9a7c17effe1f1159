package dev.cheeseshop.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cheeseshop.dist.DistProblem.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WheelInspectionTest {
    @TempDir
    Path tmp;

    private final DistInspector inspector = new DistInspector();

    private AbstractThrowableAssert<?, ?> refusal(Path file, String filename, Kind kind) {
        return assertThatThrownBy(() -> inspector.inspectWheel(file, filename))
                .isInstanceOf(DistProblem.class)
                .satisfies(e -> assertThat(((DistProblem) e).kind()).isEqualTo(kind));
    }

    @Nested
    class Accepted {
        @Test
        void aPlainWheel() throws Exception {
            var builder = TestArchives.wheel("demo-pkg", "1.0");
            WheelInfo info = inspector.inspectWheel(builder.writeTo(tmp), builder.filename());
            assertThat(info.distInfoDir()).isEqualTo("demo_pkg-1.0.dist-info");
            assertThat(info.metadataPath()).isEqualTo("demo_pkg-1.0.dist-info/METADATA");
            assertThat(info.recordPath()).isEqualTo("demo_pkg-1.0.dist-info/RECORD");
            assertThat(info.parseMetadata().get("Name")).contains("demo-pkg");
            assertThat(CoreMetadata.parse(info.wheelFile()).get("Wheel-Version")).contains("1.0");
            assertThat(info.entryPoints()).isEmpty();
            assertThat(info.memberNames()).containsExactly("demo_pkg/__init__.py",
                    "demo_pkg-1.0.dist-info/METADATA", "demo_pkg-1.0.dist-info/WHEEL",
                    "demo_pkg-1.0.dist-info/RECORD");
        }

        @ParameterizedTest
        @ValueSource(strings = {"1.0", "1.1", "1.2", "2.1", "2.2", "2.3", "2.4", "2.5"})
        void everyMetadataVersion(String metadataVersion) throws Exception {
            var builder = TestArchives.wheel("demo", "1.0")
                    .metadata(TestArchives.metadata("demo", "1.0", metadataVersion));
            assertThat(inspector.inspectWheel(builder.writeTo(tmp), builder.filename())
                    .parseMetadata().metadataVersion()).contains(metadataVersion);
        }

        @Test
        void metadataBytesComeBackExactlyAsStored() throws Exception {
            byte[] odd = "Metadata-Version: 2.1\r\nName: demo\r\nVersion: 1.0\r\n\r\nbad \u00ff byte"
                    .getBytes(StandardCharsets.ISO_8859_1);
            var builder = TestArchives.wheel("demo", "1.0").metadata(odd);
            WheelInfo info = inspector.inspectWheel(builder.writeTo(tmp), builder.filename());
            assertThat(info.metadata()).isEqualTo(odd);
        }

        @Test
        void returnedArraysAreCopies() throws Exception {
            var builder = TestArchives.wheel("demo", "1.0");
            WheelInfo info = inspector.inspectWheel(builder.writeTo(tmp), builder.filename());
            info.metadata()[0] = 'X';
            assertThat(info.metadata()[0]).isEqualTo((byte) 'M');
        }

        @Test
        void storedMembers() throws Exception {
            var builder = TestArchives.wheel("demo", "1.0").stored();
            assertThat(inspector.inspectWheel(builder.writeTo(tmp), builder.filename())
                    .parseMetadata().get("Version")).contains("1.0");
        }

        @Test
        void entryPointsAreRead() throws Exception {
            var builder = TestArchives.wheel("demo", "1.0")
                    .distInfoFile("entry_points.txt", "[console_scripts]\ndemo = demo:main\n");
            WheelInfo info = inspector.inspectWheel(builder.writeTo(tmp), builder.filename());
            assertThat(info.entryPoints()).hasValueSatisfying(b -> assertThat(new String(b,
                    StandardCharsets.UTF_8)).startsWith("[console_scripts]"));
        }

        @Test
        void distInfoIsFoundByNormalisedName() throws Exception {
            var builder = TestArchives.wheel("demo-pkg", "1.0").distInfoDir("Demo.Pkg-1.0.dist-info");
            assertThat(inspector.inspectWheel(builder.writeTo(tmp), builder.filename()).distInfoDir())
                    .isEqualTo("Demo.Pkg-1.0.dist-info");
        }

        @Test
        void oldUnescapedDistInfoNames() throws Exception {
            var builder = TestArchives.wheel("demo-pkg", "1.0").distInfoDir("demo-pkg-1.0.dist-info");
            assertThat(inspector.inspectWheel(builder.writeTo(tmp), builder.filename()).distInfoDir())
                    .isEqualTo("demo-pkg-1.0.dist-info");
        }

        @Test
        void otherTopLevelDirectoriesAndDataDirsAreFine() throws Exception {
            var builder = TestArchives.wheel("demo", "1.0")
                    .file("demo-1.0.data/scripts/run", "#!/bin/sh\n").file("other/x.py", "");
            assertThat(inspector.inspectWheel(builder.writeTo(tmp), builder.filename()).memberNames())
                    .contains("demo-1.0.data/scripts/run", "other/x.py");
        }

        @Test
        void nonAsciiMemberNames() throws Exception {
            var builder = TestArchives.wheel("demo", "1.0").file("demo/données/日本.txt", "x");
            assertThat(inspector.inspectWheel(builder.writeTo(tmp), builder.filename()).memberNames())
                    .contains("demo/données/日本.txt");
        }
    }

    @Nested
    class NotAWheel {
        @Test
        void textFile() throws IOException {
            Path file = Files.writeString(tmp.resolve("demo-1.0-py3-none-any.whl"), "hello");
            refusal(file, "demo-1.0-py3-none-any.whl", Kind.NOT_A_ZIP)
                    .hasMessage("Invalid distribution file. File is not a zipfile");
        }

        @Test
        void emptyFile() throws IOException {
            Path file = Files.write(tmp.resolve("demo-1.0-py3-none-any.whl"), new byte[0]);
            refusal(file, "demo-1.0-py3-none-any.whl", Kind.NOT_A_ZIP);
        }

        @Test
        void anSdistUploadedAsAWheel() throws IOException {
            Path file = TestArchives.sdist("demo", "1.0").writeTo(tmp);
            refusal(file, "demo-1.0-py3-none-any.whl", Kind.NOT_A_ZIP);
        }

        @Test
        void zipThatIsAlsoATar() throws IOException {
            // A tar header block glued in front of a zip: Python finds both a tar header at the
            // start and a zip end record at the end.
            byte[] tarHead = RawTar.header("x", '0', 0, "");
            var builder = TestArchives.wheel("demo", "1.0");
            Path file = ZipSurgery.of(builder.writeTo(tmp)).prepend(tarHead)
                    .writeTo(tmp.resolve("poly.whl"));
            refusal(file, builder.filename(), Kind.ZIP_AND_TAR)
                    .hasMessage("Invalid distribution file. File is both a zip and a tar file");
        }

        @Test
        void filenameWithoutNameAndVersion() throws IOException {
            Path file = TestArchives.wheel("demo", "1.0").writeTo(tmp);
            refusal(file, "demo.whl", Kind.WHEEL_FILENAME_UNSPLITTABLE).hasMessage(
                    "Invalid distribution file. Unable to parse name and version from wheel filename");
        }
    }

    @Nested
    class Members {
        @Test
        void onlyStoredOrDeflated() throws IOException {
            var builder = TestArchives.wheel("demo", "1.0");
            Path file = ZipSurgery.of(builder.writeTo(tmp)).method("demo/__init__.py", 12)
                    .writeTo(tmp.resolve("bz.whl"));
            refusal(file, builder.filename(), Kind.UNSUPPORTED_COMPRESSION).hasMessage(
                    "Invalid distribution file. File does not use a supported compression type");
        }

        @ParameterizedTest
        @ValueSource(strings = {"../evil.py", "demo/../../evil.py", "/etc/evil", "demo\\evil.py",
                "C:/evil.py", "c:evil.py"})
        void unsafeNames(String name) throws IOException {
            // Written under a harmless name of the same length, then renamed in place, because
            // zip writers clean such names up.
            String placeholder = "z".repeat(name.length());
            var builder = TestArchives.wheel("demo", "1.0").file(placeholder, "x");
            Path file = ZipSurgery.of(builder.writeTo(tmp)).rename(placeholder, name)
                    .writeTo(tmp.resolve("unsafe.whl"));
            refusal(file, builder.filename(), Kind.UNSAFE_MEMBER_PATH)
                    .hasMessage("Invalid distribution file. Unsafe member path: "
                            + PyRepr.of(name));
        }

        @Test
        void dotDotInsideANameIsNotASegment() throws Exception {
            var builder = TestArchives.wheel("demo", "1.0").file("demo/..hidden/a..b", "x");
            assertThat(inspector.inspectWheel(builder.writeTo(tmp), builder.filename()).memberNames())
                    .contains("demo/..hidden/a..b");
        }
    }

    @Nested
    class DistInfo {
        @Test
        void noDistInfoDirectory() throws IOException {
            var builder = TestArchives.wheel("demo", "1.0").distInfoDir("demo-1.0.info");
            refusal(builder.writeTo(tmp), builder.filename(), Kind.WHEEL_FILE_MISSING)
                    .hasMessage("Invalid distribution file. WHEEL not found at demo-1.0.dist-info/WHEEL");
        }

        @Test
        void twoDistInfoDirectories() throws IOException {
            var builder = TestArchives.wheel("demo", "1.0").file("zzz-1.0.dist-info/METADATA", "x");
            refusal(builder.writeTo(tmp), builder.filename(), Kind.MULTIPLE_DIST_INFO).hasMessage(
                    "Invalid distribution file. Multiple .dist-info directories found: "
                            + "demo-1.0.dist-info, zzz-1.0.dist-info");
        }

        @Test
        void distInfoOfAnotherProject() throws IOException {
            var builder = TestArchives.wheel("demo", "1.0").distInfoDir("demolition-1.0.dist-info");
            refusal(builder.writeTo(tmp), builder.filename(), Kind.DIST_INFO_MISMATCH).hasMessage(
                    "Invalid distribution file. .dist-info directory 'demolition-1.0.dist-info' "
                            + "does not match the project name 'demo'");
        }

        @Test
        void wheelFileMissing() throws IOException {
            var builder = TestArchives.wheel("demo", "1.0").without("WHEEL");
            refusal(builder.writeTo(tmp), builder.filename(), Kind.WHEEL_FILE_MISSING)
                    .hasMessage("Invalid distribution file. WHEEL not found at demo-1.0.dist-info/WHEEL");
        }

        @Test
        void recordMissing() throws IOException {
            var builder = TestArchives.wheel("demo", "1.0").without("RECORD");
            refusal(builder.writeTo(tmp), builder.filename(), Kind.RECORD_MISSING).hasMessage(
                    "Wheel 'demo-1.0-py3-none-any.whl' does not contain the required RECORD file: "
                            + "demo-1.0.dist-info/RECORD");
        }

        @Test
        void metadataMissing() throws IOException {
            var builder = TestArchives.wheel("demo", "1.0").without("METADATA");
            refusal(builder.writeTo(tmp), builder.filename(), Kind.METADATA_MISSING).hasMessage(
                    "Wheel 'demo-1.0-py3-none-any.whl' does not contain the required METADATA "
                            + "file: demo-1.0.dist-info/METADATA");
        }

        @Test
        void metadataAsADirectoryIsMissing() throws IOException {
            var builder = TestArchives.wheel("demo", "1.0").without("METADATA")
                    .file("demo-1.0.dist-info/METADATA/", new byte[0]);
            refusal(builder.writeTo(tmp), builder.filename(), Kind.METADATA_MISSING);
        }

        @Test
        void metadataInANestedDistInfoDoesNotCount() throws IOException {
            var builder = TestArchives.wheel("demo", "1.0").without("METADATA")
                    .file("demo/demo-1.0.dist-info/METADATA", "x");
            refusal(builder.writeTo(tmp), builder.filename(), Kind.METADATA_MISSING);
        }
    }
}
