package dev.cheeseshop.dist;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The version a filename gives for a project, as pip reads it from a link; expected values by hand. */
class DistFilenameTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        // wheels: the second field, as spelled, when the name matches normalised
        "requests, requests-2.31.0-py3-none-any.whl, 2.31.0",
        "foo-bar, Foo_Bar-1.0-py3-none-any.whl, 1.0",
        "foo-bar, foo.bar-1.0-py3-none-any.whl, 1.0",
        "foo, foo-1.0-1-py3-none-any.whl, 1.0",
        "foo, foo-2.0rc1-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl, 2.0rc1",
        "foo, foo-1!2.0+local.7-py3-none-any.whl, 1!2.0+local.7",
        "foo, foo-1.0.dev3-py2.py3-none-any.whl, 1.0.dev3",
        // sdists: what follows the project's name and a hyphen
        "foo-bar, Foo_Bar-1.0.tar.gz, 1.0",
        "foo-bar, foo-bar-1.0.tar.gz, 1.0",
        "foo-bar, foo.bar-2.0b1.zip, 2.0b1",
        "requests, requests-2.19.1.tar.bz2, 2.19.1",
        "requests, requests-2.19.1.tgz, 2.19.1",
        "requests, requests-2.19.1.tar.xz, 2.19.1",
        "requests, requests-2.19.1.tar, 2.19.1",
        "requests, requests-2.19.1.txz, 2.19.1",
        "requests, requests-2.19.1.tlz, 2.19.1",
        "requests, requests-2.19.1.tar.lz, 2.19.1",
        "requests, requests-2.19.1.tar.lzma, 2.19.1",
        "requests, requests-2.19.1.tbz, 2.19.1",
        "requests, REQUESTS-2.19.1.TAR.GZ, 2.19.1",
        "foo, foo-1.0-1.tar.gz, 1.0-1",
        "foo, foo-1!1.0+ubuntu.1.tar.gz, 1!1.0+ubuntu.1",
        // the name is matched at the first hyphen that ends it: the rest is the version, valid or not
        "foo, foo-bar-1.0.tar.gz, bar-1.0",
        "foo-bar, foo-bar-baz-1.0.tar.gz, baz-1.0",
        "foo, foo-latest.zip, latest"})
    void givesTheVersionAsWritten(String project, String filename, String version) {
        assertThat(DistFilename.version(project, filename)).contains(version);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "foo, bar-1.0-py3-none-any.whl", // a wheel of another project
        "foo, foo-1.0.whl", // not a wheel's name
        "foo, foo-one-py3-none-any.whl", // not a PEP 440 version: packaging refuses the wheel
        "foo, bar-1.0.tar.gz", // an sdist of another project
        "foo-bar, foo-1.0.tar.gz",
        "foo, foo-.tar.gz", // nothing after the name
        "foo, foo.tar.gz", // no hyphen
        "foo, foo-1.0-py3.11.egg", // eggs give nothing
        "foo, foo-1.0.exe",
        "foo, foo-1.0.tar.gz.asc",
        "foo, foo-1.0.rpm"})
    void givesNothingForAFileThatIsNotTheProjects(String project, String filename) {
        assertThat(DistFilename.version(project, filename)).isEmpty();
    }
}
