package dev.cheeseshop.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.dist.DistProblem.Kind;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The message catalogue and the helpers that fill it in. */
class DistProblemTest {
    private static final Set<Kind> UNPREFIXED = EnumSet.of(Kind.WHEEL_FILENAME_EXTENSION,
            Kind.WHEEL_FILENAME_PARTS, Kind.WHEEL_FILENAME_PROJECT, Kind.WHEEL_FILENAME_VERSION,
            Kind.WHEEL_FILENAME_BUILD, Kind.WHEEL_FILENAME_TAG, Kind.METADATA_TOO_LARGE,
            Kind.RECORD_MISSING, Kind.METADATA_MISSING);

    @Test
    void archiveProblemsCarryPypisPrefixAndTheOthersDoNot() {
        for (Kind kind : Kind.values()) {
            assertThat(kind.template().startsWith("Invalid distribution file. "))
                    .as(kind.name()).isEqualTo(!UNPREFIXED.contains(kind));
        }
    }

    @Test
    void argumentsFillTheTemplate() {
        DistProblem p = DistProblem.of(Kind.RECORD_MISSING, "a-1-py3-none-any.whl", "a-1.dist-info/RECORD");
        assertThat(p.kind()).isEqualTo(Kind.RECORD_MISSING);
        assertThat(p.getMessage()).isEqualTo("Wheel 'a-1-py3-none-any.whl' does not contain the "
                + "required RECORD file: a-1.dist-info/RECORD");
    }

    @Test
    void percentSignsInArgumentsStayLiteral() {
        assertThat(DistProblem.of(Kind.PKG_INFO_MISSING, "100%s/PKG-INFO").getMessage())
                .isEqualTo("Invalid distribution file. PKG-INFO not found at 100%s/PKG-INFO");
    }

    @Test
    void zipAndTarReasonsReadLikeWarehouses() {
        assertThat(DistProblem.zip(DistProblem.ZipFlaw.DUPLICATE_IN_CENTRAL_DIRECTORY).getMessage())
                .isEqualTo("Invalid distribution file. ZIP archive not accepted: Duplicate filename "
                        + "in central directory. See https://docs.pypi.org/archives for more information");
        assertThat(DistProblem.tar(DistProblem.TarFlaw.MALFORMED_HEADER).kind())
                .isEqualTo(Kind.TAR_NOT_ACCEPTED);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "foo          | 'foo'",
        "it's         | \"it's\"",
        "say \"hi\"   | `'say \"hi\"'`",
        "both ' and \"| `'both \\' and \"'`",
        "a\\b         | 'a\\\\b'",
        "é            | 'é'",
    })
    void pythonRepr(String input, String expected) {
        assertThat(PyRepr.of(input.strip())).isEqualTo(expected.strip());
    }

    @Test
    void pythonReprEscapesWhatPythonEscapes() {
        assertThat(PyRepr.of("tab\there\n")).isEqualTo("'tab\\there\\n'");
        assertThat(PyRepr.of("\u0000\u007f")).isEqualTo("'\\x00\\x7f'");
        assertThat(PyRepr.of("\u00a0\u200b")).isEqualTo("'\\xa0\\u200b'");
        assertThat(PyRepr.of("\uD83D\uDC0D")).isEqualTo("'\uD83D\uDC0D'");
    }
}
