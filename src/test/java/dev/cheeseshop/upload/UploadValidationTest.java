package dev.cheeseshop.upload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.dist.TestArchives;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.IndexState;
import dev.cheeseshop.testing.Seed;
import dev.cheeseshop.testing.TestServer;
import dev.cheeseshop.testing.Uploads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way an upload can be wrong that PyPI answers with a 400: the status, the reason phrase and
 * the body all carry PyPI's message word for word, and nothing is stored (no row, no journal
 * entry, no blob, no staged file).
 */
class UploadValidationTest {
    private static final String CORE_METADATA = " See https://packaging.python.org/specifications/core-metadata"
            + " for more information.";
    private static final String NAME_RULE = "Start and end with a letter or numeral containing only ASCII numeric"
            + " and '.', '_' and '-'.";
    private static final String DIGEST_MISMATCH =
            "The digest supplied does not match a digest calculated from the uploaded file.";
    private static final String PATH_SEPARATORS = "Cannot upload a file with '/' or '\\' in the name.";
    private static final String CONTROL_CHARACTERS = "Cannot upload a file with non-printable characters "
            + "(ordinals 0-31) or the DEL character (ordinal 127) in the name.";
    private static final String OTHER_SHA256 = "ab".repeat(32);

    @TempDir
    static Path tmp;

    private static TestServer server;
    private static Path wheel;
    private static Path sdist;
    private static Path otherWheel;
    private static Path otherSdist;
    private static Path zipSdist;
    private static Path noMetadataWheel;
    private static Path noPkgInfoSdist;
    private static Path mislabelledWheel;
    private static Path randomBytes;

    @BeforeAll
    static void start() throws IOException {
        server = TestServer.start();
        wheel = TestArchives.wheel("demo", "1.0").writeTo(dir("wheel"));
        sdist = TestArchives.sdist("demo", "1.0").writeTo(dir("sdist"));
        otherWheel = TestArchives.wheel("other", "1.0").writeTo(dir("other-wheel"));
        otherSdist = TestArchives.sdist("other", "1.0").writeTo(dir("other-sdist"));
        zipSdist = TestArchives.sdist("demo", "1.0").writeZipTo(dir("zip"));
        noMetadataWheel = TestArchives.wheel("demo", "1.0").without("METADATA").writeTo(dir("no-metadata"));
        noPkgInfoSdist = TestArchives.sdist("demo", "1.0").withoutPkgInfo().writeTo(dir("no-pkg-info"));
        mislabelledWheel = TestArchives.wheel("demo", "1.0").metadata(TestArchives.metadata("other", "1.0"))
                .writeTo(dir("mislabelled"));
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        randomBytes = Files.write(dir("noise").resolve("noise"), noise);

        Path seeded = TestArchives.sdist("seeded", "1.0").writeTo(dir("seeded"));
        assertThat(Uploads.sdist(seeded, "seeded", "1.0").to(server).status()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Path dir(String name) throws IOException {
        return Files.createDirectories(tmp.resolve(name));
    }

    /** One wrong upload and PyPI's answer to it. */
    record Case(String what, Supplier<Uploads> upload, String message) {
        @Override
        public String toString() {
            return what;
        }
    }

    private static Case refused(String what, Supplier<Uploads> upload, String message) {
        return new Case(what, upload, message);
    }

    private static Uploads demoWheel() {
        return Uploads.wheel(wheel, "demo", "1.0");
    }

    private static Uploads demoSdist() {
        return Uploads.sdist(sdist, "demo", "1.0");
    }

    static Stream<Case> cases() {
        String longName = "x".repeat(70) + "!";
        String longFilename = "demo-1.0" + "x".repeat(250) + ".tar.gz";
        return Stream.of(
                // protocol and form
                refused("protocol version other than 1", () -> demoWheel().field("protocol_version", "2"),
                        "Unknown protocol version."),
                refused("project name breaking PyPI's rule", () -> demoWheel().field("name", "-demo"),
                        "'-demo' is an invalid value for Name. Error: " + NAME_RULE + CORE_METADATA),
                refused("project name with a space", () -> demoWheel().field("name", "demo pkg"),
                        "'demo pkg' is an invalid value for Name. Error: " + NAME_RULE + CORE_METADATA),
                refused("project name not ASCII", () -> demoWheel().field("name", "démo"),
                        "'démo' is an invalid value for Name. Error: " + NAME_RULE + CORE_METADATA),
                refused("very long invalid name shown shortened", () -> demoWheel().field("name", longName),
                        "'" + "x".repeat(30) + "..." + "x".repeat(29) + "!' is an invalid value for Name. Error: "
                                + NAME_RULE + CORE_METADATA),
                refused("no project name", () -> demoWheel().without("name"),
                        "'' is an invalid value for Name. Error: This field is required." + CORE_METADATA),
                refused("unknown filetype", () -> demoWheel().field("filetype", "bdist_egg"),
                        "Invalid value for filetype. Error: Use a known file type."),
                refused("no filetype", () -> demoWheel().without("filetype"),
                        "Invalid value for filetype. Error: This field is required."),
                refused("wheel without pyversion", () -> demoWheel().without("pyversion"),
                        "Invalid value for pyversion. Error: Python version is required for binary distribution uploads."),
                refused("sdist with a pyversion other than source", () -> demoSdist().field("pyversion", "py3"),
                        "Invalid value for pyversion. Error: Use 'source' as Python version for an sdist."),
                refused("no digest at all", () -> demoWheel().digests(),
                        "Error: Include at least one message digest."),
                refused("sha256 digest that is not hex", () -> demoWheel().field("sha256_digest", "not-hex"),
                        "Invalid value for sha256_digest. Error: Use a valid, hex-encoded, SHA256 message digest."),
                refused("blake2 digest of the wrong length", () -> demoWheel().field("blake2_256_digest", "abcd"),
                        "Invalid value for blake2_256_digest. Error: Use a valid, hex-encoded, BLAKE2 message digest."),
                refused("a field sent as a file", () -> demoWheel().filePart("summary", "summary.txt", "A summary"),
                        "summary: Should not be a tuple."),
                // metadata
                refused("metadata version 2.0, which packaging never knew", () -> demoWheel().field("metadata_version", "2.0"),
                        "'2.0' is not a valid metadata version." + CORE_METADATA),
                refused("no metadata version", () -> demoWheel().without("metadata_version"),
                        "None is not a valid metadata version." + CORE_METADATA),
                refused("version that is not PEP 440", () -> demoWheel().field("version", "dog"),
                        "'dog' is invalid for 'version'." + CORE_METADATA),
                refused("no version", () -> demoWheel().without("version"),
                        "'version' is a required field." + CORE_METADATA),
                refused("local version", () -> demoWheel().field("version", "1.0+local"),
                        "The use of local versions in '1.0+local' is not allowed. See https://packaging.python.org/"
                                + "en/latest/specifications/version-specifiers/#local-version-identifiers"
                                + " for more information."),
                refused("version sent twice", () -> demoWheel().add("version", "1.0"),
                        "'version' has invalid data." + CORE_METADATA),
                refused("summary of two lines", () -> demoWheel().field("summary", "one\ntwo"),
                        "'summary' must be a single line." + CORE_METADATA),
                // the file part
                refused("no file", () -> demoWheel().withoutContent(), "Upload payload does not have a file."),
                refused("file part typed as an image", () -> demoWheel().contentType("image/png"),
                        "Invalid distribution file."),
                refused("file part typed as an image with parameters", () -> demoWheel().contentType("image/gif; q=1"),
                        "Invalid distribution file."),
                refused("file part with a blank type", () -> demoWheel().contentType(""), "Invalid distribution file."),
                refused("file part with a type of spaces", () -> demoWheel().contentType(" \t "),
                        "Invalid distribution file."),
                refused("file part with parameters and no type", () -> demoWheel().contentType("; charset=utf-8"),
                        "Invalid distribution file."),
                refused("filename climbing out with ../", () -> demoSdist().filename("../demo-1.0.tar.gz"), PATH_SEPARATORS),
                refused("filename with a slash", () -> demoSdist().filename("x/demo-1.0.tar.gz"), PATH_SEPARATORS),
                refused("filename with a backslash", () -> demoSdist().filename("..\\demo-1.0.tar.gz"), PATH_SEPARATORS),
                refused("filename with a control character", () -> demoSdist().encodedFilename("demo\u0001-1.0.tar.gz"),
                        CONTROL_CHARACTERS),
                refused("filename with DEL", () -> demoSdist().encodedFilename("demo-1.0\u007f.tar.gz"), CONTROL_CHARACTERS),
                refused("filename with a newline", () -> demoSdist().encodedFilename("demo\n-1.0.tar.gz"), CONTROL_CHARACTERS),
                refused("encoded filename climbing out", () -> demoSdist().encodedFilename("../demo-1.0.tar.gz"),
                        PATH_SEPARATORS),
                refused("filename .., encoded", () -> demoSdist().encodedFilename(".."),
                        "Cannot upload a file whose name starts with '.'."),
                refused("filename ..", () -> demoSdist().filename(".."), "Cannot upload a file whose name starts with '.'."),
                refused("filename .tar.gz", () -> demoSdist().filename(".tar.gz"),
                        "Cannot upload a file whose name starts with '.'."),
                refused("filename too long", () -> demoSdist().filename(longFilename),
                        "Filename is too long: '" + longFilename + "'"),
                refused("unknown extension", () -> demoSdist().filename("demo-1.0.exe"),
                        "Invalid file extension: Use .tar.gz, .whl or .zip extension. See https://www.python.org/dev/peps/"
                                + "pep-0527 and https://peps.python.org/pep-0715/ for more information"),
                refused("wheel sent as an sdist", () -> Uploads.sdist(wheel, "demo", "1.0"),
                        "Invalid file extension: Extension .whl is invalid for filetype sdist. See https://www.python.org/"
                                + "dev/peps/pep-0527 for more information."),
                refused("sdist sent as a wheel", () -> Uploads.wheel(sdist, "demo", "1.0"),
                        "Invalid file extension: Extension .tar.gz is invalid for filetype bdist_wheel. See "
                                + "https://www.python.org/dev/peps/pep-0527 for more information."),
                // digests
                refused("sha256 that does not match", () -> demoWheel().field("sha256_digest", OTHER_SHA256),
                        DIGEST_MISMATCH),
                refused("blake2 that does not match", () -> demoWheel().field("blake2_256_digest", OTHER_SHA256),
                        DIGEST_MISMATCH),
                refused("md5 that does not match beside good ones", () -> demoWheel().field("md5_digest", "00".repeat(16)),
                        DIGEST_MISMATCH),
                // filename against name and version
                refused("wheel of another project", () -> Uploads.wheel(otherWheel, "demo", "1.0"),
                        "Start filename for 'demo' with 'demo'."),
                refused("wheel of another version", () -> Uploads.wheel(wheel, "demo", "2.0"),
                        "Version in filename should be '2.0' not '1.0'."),
                refused("wheel filename of two parts", () -> demoWheel().filename("demo-1.0.whl"),
                        "Invalid wheel filename (wrong number of parts): 'demo-1.0'"),
                refused("sdist of another project", () -> Uploads.sdist(otherSdist, "demo", "1.0"),
                        "Start filename for 'demo' with 'demo'."),
                refused("sdist of another version", () -> Uploads.sdist(sdist, "demo", "1.1"),
                        "Version in filename should be '1.1' not '1.0'."),
                refused("sdist as .zip", () -> Uploads.sdist(zipSdist, "demo", "1.0"),
                        "Filename 'demo-1.0.zip' is invalid, should be 'demo-1.0.tar.gz'."),
                refused("sdist filename without a version", () -> demoSdist().filename("demo-latest.tar.gz"),
                        "Invalid source distribution filename: demo-latest.tar.gz"),
                // the archive
                refused("wheel that is not a zip", () -> demoWheel().content(bytes(randomBytes)),
                        "Invalid distribution file. File is not a zipfile"),
                refused("sdist that is not a tar", () -> demoSdist().content(bytes(randomBytes)),
                        "Invalid distribution file. File is not a tarfile"),
                refused("wheel without METADATA", () -> Uploads.wheel(noMetadataWheel, "demo", "1.0"),
                        "Wheel 'demo-1.0-py3-none-any.whl' does not contain the required METADATA file: "
                                + "demo-1.0.dist-info/METADATA"),
                refused("sdist without PKG-INFO", () -> Uploads.sdist(noPkgInfoSdist, "demo", "1.0"),
                        "Invalid distribution file. PKG-INFO not found at demo-1.0/PKG-INFO"),
                refused("wheel whose METADATA is another project's", () -> Uploads.wheel(mislabelledWheel, "demo", "1.0"),
                        "Invalid distribution file. The metadata in demo-1.0.dist-info/METADATA is for 'other' version"
                                + " '1.0', not for 'demo' version '1.0'."),
                // against what is stored
                refused("a second sdist for a release", () -> demoSdist().field("name", "seeded").filename("Seeded-1.0.tar.gz")
                        .content(sdistBytes("Seeded", "1.0")), "Only one sdist may be uploaded per release."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRefusedWithPypisMessageAndStoresNothing(Case refusal) {
        IndexState before = IndexState.of(server);

        Http.Response response = refusal.upload().get().to(server);

        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.reason()).isEqualTo(refusal.message());
        assertThat(response.header("Content-Type")).isEqualTo("text/plain; charset=UTF-8");
        assertThat(response.text()).isEqualTo(Uploads.plainBody(400, refusal.message()));
        assertThat(IndexState.of(server)).isEqualTo(before);
    }

    @Test
    void anyOneCorrectDigestIsEnoughInEitherCase() throws IOException {
        for (String digest : new String[] {"md5_digest", "sha256_digest", "blake2_256_digest"}) {
            String name = "only-" + digest.replace('_', '-');
            Path file = TestArchives.wheel(name, "1.0").writeTo(dir(name));
            Http.Response response = Uploads.wheel(file, name, "1.0").digests(digest).to(server);
            assertThat(response.status()).as(digest + ": " + response.reason()).isEqualTo(200);
        }
        Path file = TestArchives.wheel("upper-case", "1.0").writeTo(dir("upper"));
        Http.Response response = Uploads.wheel(file, "upper-case", "1.0")
                .field("sha256_digest", Seed.sha256(bytes(file)).toUpperCase(Locale.ROOT))
                .field("blake2_256_digest", Seed.blake2b(bytes(file)).toUpperCase(Locale.ROOT)).to(server);
        assertThat(response.status()).as(response.reason()).isEqualTo(200);
    }

    private static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] sdistBytes(String name, String version) {
        try {
            Path dir = Files.createTempDirectory(tmp, "sdist");
            return bytes(TestArchives.sdist(name, version).topLevel(name + "-" + version)
                    .writeTo(dir, name + "-" + version + ".tar.gz"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
