package dev.cheeseshop.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cheeseshop.dist.CoreMetadata.Field;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CoreMetadataTest {

    private static CoreMetadata parse(String text) throws DistProblem {
        return CoreMetadata.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    @Nested
    class EveryMetadataVersion {
        @Test
        void version10WithDescriptionHeaderAndContinuationLines() throws DistProblem {
            CoreMetadata m = parse("""
                    Metadata-Version: 1.0
                    Name: old-style
                    Version: 0.1
                    Summary: An old package
                    Home-page: http://example.com/
                    Author: A. Person
                    Author-email: a@example.com
                    License: MIT
                    Description: First line.
                            |
                            |    indented code
                    Platform: UNKNOWN
                    """);
            assertThat(m.metadataVersion()).contains("1.0");
            assertThat(m.get("name")).contains("old-style");
            assertThat(m.description())
                    .contains("First line.\n        |\n        |    indented code");
            assertThat(m.body()).isEmpty();
            assertThat(m.getAll("Platform")).containsExactly("UNKNOWN");
        }

        @Test
        void version11WithClassifiersAndRequires() throws DistProblem {
            CoreMetadata m = parse("""
                    Metadata-Version: 1.1
                    Name: mid
                    Version: 1.1
                    Classifier: Programming Language :: Python
                    Classifier: License :: OSI Approved :: MIT License
                    Requires: os.path
                    Provides: mid
                    Download-URL: http://example.com/mid-1.1.tar.gz
                    """);
            assertThat(m.getAll("classifier")).containsExactly(
                    "Programming Language :: Python", "License :: OSI Approved :: MIT License");
            assertThat(m.get("Download-URL")).contains("http://example.com/mid-1.1.tar.gz");
        }

        @Test
        void version12WithRequiresDistAndProjectUrls() throws DistProblem {
            CoreMetadata m = parse("""
                    Metadata-Version: 1.2
                    Name: twelve
                    Version: 1.2
                    Requires-Python: >=2.7
                    Requires-Dist: requests (>=2.0)
                    Requires-Dist: six; python_version < "3"
                    Requires-External: libxml2
                    Project-URL: Bug Tracker, https://example.com/bugs
                    Project-URL: Source, https://example.com/src
                    Maintainer: M
                    """);
            assertThat(m.get("Requires-Python")).contains(">=2.7");
            assertThat(m.getAll("Requires-Dist"))
                    .containsExactly("requests (>=2.0)", "six; python_version < \"3\"");
            assertThat(m.getAll("project-url")).containsExactly(
                    "Bug Tracker, https://example.com/bugs", "Source, https://example.com/src");
        }

        @Test
        void version21WithDescriptionInTheBody() throws DistProblem {
            CoreMetadata m = parse("""
                    Metadata-Version: 2.1
                    Name: twentyone
                    Version: 2.1
                    Description-Content-Type: text/markdown
                    Provides-Extra: test
                    Requires-Dist: pytest; extra == "test"

                    # Readme

                    Some *text*.
                    """);
            assertThat(m.get("Description-Content-Type")).contains("text/markdown");
            assertThat(m.getAll("Provides-Extra")).containsExactly("test");
            assertThat(m.description()).contains("# Readme\n\nSome *text*.\n");
        }

        @Test
        void version22WithDynamic() throws DistProblem {
            CoreMetadata m = parse("""
                    Metadata-Version: 2.2
                    Name: twentytwo
                    Version: 2.2
                    Dynamic: Requires-Dist
                    Dynamic: Provides-Extra
                    """);
            assertThat(m.getAll("dynamic")).containsExactly("Requires-Dist", "Provides-Extra");
        }

        @Test
        void version23() throws DistProblem {
            CoreMetadata m = parse("Metadata-Version: 2.3\nName: twentythree\nVersion: 2.3\n"
                    + "Requires-Dist: attrs>=22\n\nbody\n");
            assertThat(m.metadataVersion()).contains("2.3");
            assertThat(m.description()).contains("body\n");
        }

        @Test
        void version24WithLicenseExpressionAndFiles() throws DistProblem {
            CoreMetadata m = parse("""
                    Metadata-Version: 2.4
                    Name: twentyfour
                    Version: 2.4
                    License-Expression: MIT OR Apache-2.0
                    License-File: LICENSE
                    License-File: licenses/NOTICE.txt
                    """);
            assertThat(m.get("License-Expression")).contains("MIT OR Apache-2.0");
            assertThat(m.getAll("License-File")).containsExactly("LICENSE", "licenses/NOTICE.txt");
        }

        @Test
        void version25WithImportNames() throws DistProblem {
            CoreMetadata m = parse("""
                    Metadata-Version: 2.5
                    Name: twentyfive
                    Version: 2.5
                    Import-Name: twentyfive
                    Import-Name: twentyfive_extras
                    Import-Namespace: tf
                    """);
            assertThat(m.metadataVersion()).contains("2.5");
            assertThat(m.getAll("import-name")).containsExactly("twentyfive", "twentyfive_extras");
        }
    }

    @Nested
    class HeaderSyntax {
        @Test
        void continuationLinesKeepTheirBreaksAndIndentation() throws DistProblem {
            CoreMetadata m = parse("Name: foo\nSummary: one\n  two\n\tthree\nVersion: 1\n");
            assertThat(m.get("Summary")).contains("one\n  two\n\tthree");
            assertThat(m.get("Version")).contains("1");
        }

        @Test
        void aWhitespaceOnlyLineContinuesTheValue() throws DistProblem {
            assertThat(parse("Name: foo\n \nVersion: 1\n").get("Name")).contains("foo\n ");
        }

        @Test
        void leadingBlanksAreDroppedTrailingOnesKept() throws DistProblem {
            CoreMetadata m = parse("Name:foo\nVersion:\t 1 \nEmpty:\n");
            assertThat(m.get("Name")).contains("foo");
            assertThat(m.get("Version")).contains("1 ");
            assertThat(m.get("Empty")).contains("");
        }

        @Test
        void namesAreCaseInsensitiveAndRepeatsKeepFileOrder() throws DistProblem {
            CoreMetadata m = parse("Classifier: A\nclassifier: B\nCLASSIFIER: C\n");
            assertThat(m.getAll("Classifier")).containsExactly("A", "B", "C");
            assertThat(m.get("cLaSsIfIeR")).contains("A");
            assertThat(m.fields()).extracting(Field::name)
                    .containsExactly("Classifier", "classifier", "CLASSIFIER");
        }

        @Test
        void absentFields() throws DistProblem {
            CoreMetadata m = parse("Name: foo\n");
            assertThat(m.get("Version")).isEmpty();
            assertThat(m.getAll("Classifier")).isEmpty();
            assertThat(m.metadataVersion()).isEmpty();
            assertThat(m.description()).isEmpty();
        }

        @Test
        void crlfAndLoneCrEndLinesToo() throws DistProblem {
            CoreMetadata m = parse("Name: foo\r\nVersion: 1\r\rbody\r\nmore\n");
            assertThat(m.get("Name")).contains("foo");
            assertThat(m.get("Version")).contains("1");
            assertThat(m.body()).isEqualTo("body\r\nmore\n");
        }

        @Test
        void formFeedIsNoLineBreak() throws DistProblem {
            assertThat(parse("Name: a\u000cb\nVersion: 1\n").get("Name")).contains("a\u000cb");
        }

        @Test
        void aLineThatIsNoHeaderStartsTheBody() throws DistProblem {
            CoreMetadata m = parse("Name: foo\nnot a header\nVersion: 1\n");
            assertThat(m.get("Version")).isEmpty();
            assertThat(m.body()).isEqualTo("not a header\nVersion: 1\n");
        }

        @Test
        void aSpaceInTheNameMakesNoHeader() throws DistProblem {
            CoreMetadata m = parse("Name: foo\nFoo Bar: x\n");
            assertThat(m.body()).isEqualTo("Foo Bar: x\n");
        }

        @Test
        void envelopeLinesHeaderlessLinesAndStrayContinuationsAreDropped() throws DistProblem {
            CoreMetadata m = parse("From me\n  stray\nName: foo\n: novalue\n x\nVersion: 1\n\nbody");
            assertThat(m.fields()).containsExactly(new Field("Name", "foo"), new Field("Version", "1"));
            assertThat(m.body()).isEqualTo("body");
        }

        @Test
        void onlyTheFirstBlankLineSeparatesTheBody() throws DistProblem {
            assertThat(parse("Name: foo\n\n\nbody").body()).isEqualTo("\nbody");
        }

        @Test
        void noTrailingNewline() throws DistProblem {
            assertThat(parse("Name: foo").get("Name")).contains("foo");
        }

        @Test
        void emptyInput() throws DistProblem {
            CoreMetadata m = CoreMetadata.parse(new byte[0]);
            assertThat(m.fields()).isEmpty();
            assertThat(m.body()).isEmpty();
        }
    }

    @Nested
    class Description {
        @Test
        void bodyWinsOverTheHeader() throws DistProblem {
            CoreMetadata m = parse("Name: foo\nDescription: header\n\nbody\n");
            assertThat(m.description()).contains("body\n");
            assertThat(m.get("Description")).contains("header");
        }

        @Test
        void headerIsUsedWhenTheBodyIsEmpty() throws DistProblem {
            assertThat(parse("Name: foo\nDescription: header\n\n").description()).contains("header");
        }
    }

    @Nested
    class Encoding {
        @Test
        void utf8EverywhereIsDecoded() throws DistProblem {
            CoreMetadata m = parse("Name: foo\nAuthor: Zoë Ångström\n\nDéjà vu — 日本語 🐍\n");
            assertThat(m.get("Author")).contains("Zoë Ångström");
            assertThat(m.description()).contains("Déjà vu — 日本語 🐍\n");
            assertThat(m.hadInvalidUtf8()).isFalse();
        }

        @Test
        void invalidUtf8IsReplacedNotFatal() throws DistProblem {
            byte[] bytes = {'N', 'a', 'm', 'e', ':', ' ', 'f', (byte) 0xff, 'o', '\n', '\n',
                    'b', (byte) 0xc3, '\n'};
            CoreMetadata m = CoreMetadata.parse(bytes);
            assertThat(m.get("Name")).contains("f\ufffdo");
            assertThat(m.body()).isEqualTo("b\ufffd\n");
            assertThat(m.hadInvalidUtf8()).isTrue();
        }

        @Test
        void aByteOrderMarkMakesTheFirstLineNoHeader() throws DistProblem {
            // As in Python: the BOM is no header-name character, so everything is body.
            CoreMetadata m = parse("\ufeffName: foo\n");
            assertThat(m.get("Name")).isEmpty();
            assertThat(m.body()).isEqualTo("\ufeffName: foo\n");
        }
    }

    @Nested
    class SizeCap {
        @Test
        void defaultCapIsEightMebibytes() {
            assertThat(CoreMetadata.DEFAULT_MAX_BYTES).isEqualTo(8 * 1024 * 1024);
        }

        @Test
        void largerInputIsRefused() {
            assertThatThrownBy(() -> CoreMetadata.parse(new byte[101], 100))
                    .isInstanceOfSatisfying(DistProblem.class, p -> {
                        assertThat(p.kind()).isEqualTo(DistProblem.Kind.METADATA_TOO_LARGE);
                        assertThat(p.getMessage())
                                .isEqualTo("Core metadata is larger than the limit of 100 bytes");
                    });
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 99, 100})
        void inputUpToTheCapIsRead(int size) throws DistProblem {
            assertThat(CoreMetadata.parse(new byte[size], 100).body()).hasSize(size);
        }
    }
}
