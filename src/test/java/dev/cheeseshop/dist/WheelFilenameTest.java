package dev.cheeseshop.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cheeseshop.dist.DistProblem.Kind;
import dev.cheeseshop.dist.WheelFilename.BuildTag;
import dev.cheeseshop.dist.WheelFilename.Tag;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WheelFilenameTest {

    @Nested
    class Valid {
        @Test
        void plainWheel() throws DistProblem {
            WheelFilename w = WheelFilename.parse("foo-1.0-py3-none-any.whl");
            assertThat(w.name()).isEqualTo("foo");
            assertThat(w.version()).isEqualTo("1.0");
            assertThat(w.build()).isEmpty();
            assertThat(w.tags()).containsExactly(new Tag("py3", "none", "any"));
        }

        @Test
        void nameAndVersionStayAsSpelledWhileNormalizedNameIsPep503() throws DistProblem {
            WheelFilename w = WheelFilename.parse("some_PACKAGE-1.0-py3-none-any.whl");
            assertThat(w.name()).isEqualTo("some_PACKAGE");
            assertThat(w.normalizedName()).isEqualTo("some-package");
        }

        @Test
        void versionIsNotNormalised() throws DistProblem {
            assertThat(WheelFilename.parse("foo-1.0.POST1-py3-none-any.whl").version())
                    .isEqualTo("1.0.POST1");
        }

        @Test
        void numericBuildTag() throws DistProblem {
            assertThat(WheelFilename.parse("foo-1.0-1000-py3-none-any.whl").build())
                    .contains(new BuildTag(BigInteger.valueOf(1000), ""));
        }

        @Test
        void buildTagWithSuffix() throws DistProblem {
            assertThat(WheelFilename.parse("foo-1.0-1000abc-py3-none-any.whl").build())
                    .contains(new BuildTag(BigInteger.valueOf(1000), "abc"));
        }

        @Test
        void hugeBuildNumberDoesNotOverflow() throws DistProblem {
            assertThat(WheelFilename.parse("foo-1.0-123456789012345678901234-py3-none-any.whl")
                    .build().orElseThrow().number())
                    .isEqualTo(new BigInteger("123456789012345678901234"));
        }

        @Test
        void compressedPlatformTagSet() throws DistProblem {
            WheelFilename w = WheelFilename.parse("pyvirtualcam-0.13.0-cp310-cp310-"
                    + "manylinux2014_x86_64.manylinux_2_17_x86_64.whl");
            assertThat(w.platformTags())
                    .containsExactly("manylinux2014_x86_64", "manylinux_2_17_x86_64");
            assertThat(w.tags()).containsExactlyInAnyOrder(
                    new Tag("cp310", "cp310", "manylinux2014_x86_64"),
                    new Tag("cp310", "cp310", "manylinux_2_17_x86_64"));
        }

        @Test
        void tagSetsExpandToTheirCrossProduct() throws DistProblem {
            WheelFilename w = WheelFilename.parse(
                    "foo-2-py2.py3-none-manylinux_2_17_x86_64.manylinux2014_x86_64.whl");
            assertThat(w.pythonTags()).containsExactly("py2", "py3");
            assertThat(w.tags()).hasSize(4).contains(
                    new Tag("py2", "none", "manylinux2014_x86_64"),
                    new Tag("py3", "none", "manylinux_2_17_x86_64"));
        }

        @Test
        void unsortedTagSetsAreAccepted() throws DistProblem {
            assertThat(WheelFilename.parse("foo-1.0-py3.py2-none-any.whl").pythonTags())
                    .containsExactly("py3", "py2");
        }

        @Test
        void tagsAreLowerCasedWhenExpandedButKeptInTheLists() throws DistProblem {
            WheelFilename w = WheelFilename.parse("foo-1.0-PY3-None-Any.whl");
            assertThat(w.pythonTags()).containsExactly("PY3");
            assertThat(w.tags()).containsExactly(new Tag("py3", "none", "any"));
        }

        @Test
        void unicodeLettersAreAllowedInTheName() throws DistProblem {
            WheelFilename w = WheelFilename.parse("foo_bár-1.0-1000-py3-none-any.whl");
            assertThat(w.normalizedName()).isEqualTo("foo-bár");
            assertThat(w.build()).isPresent();
        }

        @ParameterizedTest
        @ValueSource(strings = {"1!2.0", "1.0a1", "1.0.post1.dev2", "1.0+local.7", "v1.0", "1.0rc1"})
        void pep440Versions(String version) throws DistProblem {
            assertThat(WheelFilename.parse("foo-" + version + "-py3-none-any.whl").version())
                    .isEqualTo(version);
        }
    }

    @Nested
    class Invalid {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "foo-1.0.whl                       | WHEEL_FILENAME_PARTS     | Invalid wheel filename (wrong number of parts): 'foo-1.0'",
            "foo-1.0-py3-none-any.wheel        | WHEEL_FILENAME_EXTENSION | Invalid wheel filename (extension must be '.whl'): 'foo-1.0-py3-none-any.wheel'",
            "foo__bar-1.0-py3-none-any.whl     | WHEEL_FILENAME_PROJECT   | Invalid project name: 'foo__bar-1.0-py3-none-any'",
            "foo#bar-1.0-py3-none-any.whl      | WHEEL_FILENAME_PROJECT   | Invalid project name: 'foo#bar-1.0-py3-none-any'",
            "-1.0-py3-none-any.whl             | WHEEL_FILENAME_PROJECT   | Invalid project name: '-1.0-py3-none-any'",
            "-1.0-200-py3-none-any.whl         | WHEEL_FILENAME_PROJECT   | Invalid project name: '-1.0-200-py3-none-any'",
            "foobar-1.x-py3-none-any.whl       | WHEEL_FILENAME_VERSION   | Invalid wheel filename (invalid version): 'foobar-1.x-py3-none-any'",
            "foo-1.0-abc-py3-none-any.whl      | WHEEL_FILENAME_BUILD     | Invalid build number: abc in 'foo-1.0-abc-py3-none-any'",
            "foo-1.0-200-py3-none-any-junk.whl | WHEEL_FILENAME_PARTS     | Invalid wheel filename (wrong number of parts): 'foo-1.0-200-py3-none-any-junk'",
            "foo-1.0--none-any.whl             | WHEEL_FILENAME_TAG       | Invalid wheel filename (invalid tag component): 'foo-1.0--none-any'",
            "foo-1.0-py3-none-.whl             | WHEEL_FILENAME_TAG       | Invalid wheel filename (invalid tag component): 'foo-1.0-py3-none-'",
            "foo-1.0-py3.-none-any.whl         | WHEEL_FILENAME_TAG       | Invalid wheel filename (invalid tag component): 'foo-1.0-py3.-none-any'",
            "playlyfe-0.1.1-2.7.6-none-any.whl | WHEEL_FILENAME_TAG       | Invalid wheel filename (invalid tag component): 'playlyfe-0.1.1-2.7.6-none-any'",
        })
        void refusedWithPackagingsMessage(String filename, Kind kind, String message) {
            assertThatThrownBy(() -> WheelFilename.parse(filename))
                    .isInstanceOfSatisfying(DistProblem.class, p -> {
                        assertThat(p.kind()).isEqualTo(kind);
                        assertThat(p.getMessage()).isEqualTo(message);
                    });
        }

        @Test
        void newlineInTheNameIsRefusedAndQuotedLikePython() {
            assertThatThrownBy(() -> WheelFilename.parse("foo\n-1.0-py3-none-any.whl"))
                    .hasMessage("Invalid project name: 'foo\\n-1.0-py3-none-any'");
        }

        @Test
        void aQuoteInTheFilenameSwitchesToDoubleQuotes() {
            assertThatThrownBy(() -> WheelFilename.parse("it's-1.0-py3-none-any.whl"))
                    .hasMessage("Invalid project name: \"it's-1.0-py3-none-any\"");
        }

        @Test
        void tryParseIsEmptyInsteadOfThrowing() {
            assertThat(WheelFilename.tryParse("foo-1.0.whl")).isEqualTo(Optional.empty());
            assertThat(WheelFilename.tryParse("foo-1.0-py3-none-any.whl")).isPresent();
        }
    }

    @Test
    void recordCopiesItsTagLists() {
        List<String> tags = new java.util.ArrayList<>(List.of("py3"));
        WheelFilename w = new WheelFilename("foo", "1.0", Optional.empty(), tags, List.of("none"),
                List.of("any"));
        tags.add("py2");
        assertThat(w.pythonTags()).containsExactly("py3");
    }
}
