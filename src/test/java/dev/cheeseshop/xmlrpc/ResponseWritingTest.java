package dev.cheeseshop.xmlrpc;

import static dev.cheeseshop.xmlrpc.TestSupport.readBack;
import static dev.cheeseshop.xmlrpc.TestSupport.resourceText;
import static dev.cheeseshop.xmlrpc.TestSupport.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Responses must be byte-identical to CPython's {@code dumps(..., methodresponse=True, allow_none=True)}. */
class ResponseWritingTest {

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** Java values equal to the Python values in generate_fixtures.py RESPONSES. */
    static Stream<Arguments> cpythonFixtures() {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        return Stream.of(
                Arguments.of("int", 42), Arguments.of("int-negative", -7L),
                Arguments.of("int-max", Integer.MAX_VALUE), Arguments.of("int-min", BigInteger.valueOf(Integer.MIN_VALUE)),
                Arguments.of("zero", (short) 0), Arguments.of("true", true), Arguments.of("false", false),
                Arguments.of("nil", null), Arguments.of("string", "hello"),
                Arguments.of("string-escapes", "a&b<c>d\"e'f"), Arguments.of("string-empty", ""),
                Arguments.of("string-unicode", "caf\u00e9 \u2603 \uD83D\uDE00"),
                Arguments.of("string-whitespace", " \t\n x \n"),
                Arguments.of("double", 1.5), Arguments.of("double-big", 1e22), Arguments.of("double-small", 1e-7),
                Arguments.of("double-negative", -0.1), Arguments.of("array-empty", List.of()),
                Arguments.of("struct-empty", Map.of()),
                Arguments.of("array-nested", List.of(1, List.of(2, List.of(3, List.of())), "x")),
                Arguments.of("array-with-nil", Arrays.asList("a", null, "b", null)),
                Arguments.of("struct", map("b", 1, "a", "two", "c", Arrays.asList(null, true), "&<>", Map.of())),
                Arguments.of("changelog", List.of(
                        List.of("Django", "5.0", 1701280908, "new release", 4601225),
                        Arrays.asList("demo", null, 1701280909L, "create", 4601226L),
                        new Object[] {"demo", null, 1701280909, "add Owner alice", 4601227})),
                Arguments.of("roles", List.of(List.of("Owner", "alice"), List.of("Maintainer", "bob"))),
                Arguments.of("packages-with-serial", map("Django", 4601225, "demo", 4601227, "a-b_c.d", 1)),
                Arguments.of("base64-empty", new byte[0]),
                Arguments.of("base64-short", "hi".getBytes(StandardCharsets.US_ASCII)),
                Arguments.of("base64-long", all),
                Arguments.of("datetime", new XmlRpcDateTime("20200102T03:04:05")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cpythonFixtures")
    void byteForByteLikeCPython(String fixture, Object value) throws IOException {
        String expected = resourceText("responses/" + fixture + ".xml");
        assertThat(write(value)).isEqualTo(expected);
        assertThat(write(value)).doesNotContain("<i8>", "<i4>");
    }

    @Test
    void faultsByteForByteLikeCPython() throws IOException {
        assertThat(fault(-32700, "parse error; not well formed")).isEqualTo(resourceText("responses/fault-parse.xml"));
        assertThat(fault(-32500, "RuntimeError: a < b && c > d")).isEqualTo(resourceText("responses/fault-escapes.xml"));
        assertThat(fault(-32602, "client error; serial: Input should be a valid integer"))
                .isEqualTo(resourceText("responses/fault-client.xml"));
    }

    private static String fault(int code, String message) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ResponseWriter.writeFault(out, code, message);
        return out.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cpythonFixtures")
    void outputReadsBackWithOurParser(String fixture, Object value) throws IOException {
        Object back = readBack(write(value));
        if (value instanceof byte[] bytes) {
            assertThat((byte[]) back).isEqualTo(bytes);
        } else if (value instanceof Number n && !(value instanceof Double)) {
            assertThat(back).isEqualTo(n.longValue());
        } else if (!fixture.equals("changelog") && !fixture.startsWith("array") && !fixture.startsWith("struct")
                && !fixture.equals("roles") && !fixture.equals("packages-with-serial")) {
            assertThat(back).isEqualTo(value);
        } else {
            assertThat(write(back)).isEqualTo(write(value)); // ints widen to Long; the bytes agree
        }
    }

    @Nested
    class Integers {
        @Test
        void outOfRangeIntsAreRefused() {
            for (Object v : List.of(1L << 31, -(1L << 31) - 1, Long.MAX_VALUE, Long.MIN_VALUE,
                    BigInteger.ONE.shiftLeft(31), BigInteger.TEN.pow(30))) {
                assertThatThrownBy(() -> write(v)).as("%s", v).isInstanceOf(UnencodableValueException.class)
                        .hasMessageContaining("int exceeds XML-RPC limits");
                assertThatThrownBy(() -> write(List.of(1, v))).isInstanceOf(UnencodableValueException.class);
            }
        }

        @Test
        void edgesFit() throws IOException {
            assertThat(write(List.of(Integer.MIN_VALUE, (long) Integer.MAX_VALUE, (byte) -1,
                    BigInteger.valueOf(Integer.MIN_VALUE))))
                    .contains("<value><int>-2147483648</int></value>\n<value><int>2147483647</int></value>\n"
                            + "<value><int>-1</int></value>\n<value><int>-2147483648</int></value>\n");
        }
    }

    @Nested
    class Text {
        @Test
        void charactersIllegalInXmlAreDropped() throws IOException {
            String s = "a\u0000b\u0001c\u000bd\u001fe\uFFFEf\uFFFFg\uD800h\uDC00i\t\n\r\u007f\u0085\uD83D\uDE00";
            assertThat(write(s)).contains("<string>abcdefghi\t\n\r\u007f\u0085\uD83D\uDE00</string>");
            assertThat(write(map("k\u0000ey", 1))).contains("<name>key</name>");
            assertThat(write(map("x", "\uD83D"))).contains("<value><string></string></value>");
        }

        @Test
        void onlyAmpLtGtAreEscaped() throws IOException {
            assertThat(write("<&>\"']]>")).contains("<string>&lt;&amp;&gt;\"']]&gt;</string>");
        }

        @Test
        void charSequencesAreStrings() throws IOException {
            assertThat(write(new StringBuilder("sb"))).isEqualTo(write("sb"));
        }
    }

    @Nested
    class Doubles {
        @Test
        void reprMatchesCPythonForEveryFixtureValue() {
            for (String[] row : TestSupport.tsv("floats.tsv")) {
                double d = Double.longBitsToDouble(Long.parseUnsignedLong(row[0], 16));
                assertThat(PyFloatRepr.repr(d)).as("bits %s", row[0]).isEqualTo(row[1]);
            }
        }

        @Test
        void floatsAreWidened() throws IOException {
            assertThat(write(0.5f)).contains("<value><double>0.5</double></value>");
            assertThat(write(Double.NaN)).contains("<double>nan</double>");
        }
    }

    @Nested
    class Refusals {
        @Test
        void unsupportedTypesAndKeys() {
            assertThatThrownBy(() -> write(new Object())).isInstanceOf(UnencodableValueException.class);
            assertThatThrownBy(() -> write(new BigDecimal("1.5"))).isInstanceOf(UnencodableValueException.class);
            assertThatThrownBy(() -> write(Map.of(1, "x"))).isInstanceOf(UnencodableValueException.class)
                    .hasMessageContaining("struct key");
        }

        @Test
        void cyclicValuesAreRefusedWithoutStackOverflow() {
            List<Object> cycle = new ArrayList<>();
            cycle.add(cycle);
            assertThatThrownBy(() -> write(cycle)).isInstanceOf(UnencodableValueException.class)
                    .hasMessageContaining("nested deeper than 256");
        }
    }

    @Nested
    class Streaming {
        @Test
        void streamingApiMatchesTheWholeValue() throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new ResponseWriter(out).beginArray()
                    .beginArray().value("Django").value("5.0").value(1701280908).value("new release").value(4601225).endArray()
                    .beginArray().value("demo").nil().value(1701280909L).value("create").value(4601226L).endArray()
                    .beginArray().value("demo").value((String) null).value(1701280909).value("add Owner alice")
                    .value((Object) 4601227).endArray()
                    .endArray().end();
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(resourceText("responses/changelog.xml"));

            out.reset();
            ResponseWriter w = new ResponseWriter(out).beginStruct();
            w.member("Django").value(4601225).member("demo").value(4601227);
            w.member("a-b_c.d").value((Object) (StreamingValue) x -> x.value(1));
            w.endStruct().end();
            assertThat(out.toString(StandardCharsets.UTF_8))
                    .isEqualTo(resourceText("responses/packages-with-serial.xml"));
        }

        @Test
        void iteratorsStreamsAndStreamingValues() throws IOException {
            String expected = write(List.of(1, 2, 3));
            boolean[] closed = new boolean[1];
            assertThat(write(IntStream.rangeClosed(1, 3).boxed().onClose(() -> closed[0] = true))).isEqualTo(expected);
            assertThat(closed[0]).isTrue();
            assertThat(write(List.of(1, 2, 3).iterator())).isEqualTo(expected);
            assertThat(write((StreamingValue) w -> w.beginArray().value(1).value(2).value(3).endArray()))
                    .isEqualTo(expected);
            assertThat(write(List.of((StreamingValue) w -> w.value(1), 2, (StreamingValue) w -> w.value(3))))
                    .isEqualTo(expected);
        }

        @Test
        void aStreamingValueMustWriteExactlyOneValue() {
            assertThatThrownBy(() -> write(List.of((StreamingValue) w -> { })))
                    .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> write(List.of((StreamingValue) w -> w.value(1).value(2))))
                    .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> write((StreamingValue) w -> w.beginArray()))
                    .isInstanceOf(IllegalStateException.class);
        }

        @Test
        void misuseIsAnIllegalState() {
            OutputStream sink = OutputStream.nullOutputStream();
            assertThatThrownBy(() -> new ResponseWriter(sink).value(1).value(2)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> new ResponseWriter(sink).member("x")).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> new ResponseWriter(sink).beginStruct().value(1)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> new ResponseWriter(sink).beginStruct().member("a").member("b"))
                    .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> new ResponseWriter(sink).beginStruct().endArray()).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> new ResponseWriter(sink).beginStruct().member("a").endStruct())
                    .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> new ResponseWriter(sink).endArray()).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> new ResponseWriter(sink).end()).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> new ResponseWriter(sink).beginArray().end()).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> {
                ResponseWriter w = new ResponseWriter(sink).value(1);
                w.end();
                w.value(2);
            }).isInstanceOf(IllegalStateException.class);
        }

        @Test
        void nothingIsSentUntilTheBufferFillsSoAFaultCanReplaceIt() throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ResponseWriter w = new ResponseWriter(out).beginArray().value("partial");
            assertThat(w.committed()).isFalse();
            assertThat(out.size()).isZero();
            w.fault(-32500, "application error");
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(fault(-32500, "application error"));
            assertThatThrownBy(() -> w.value(1)).isInstanceOf(IllegalStateException.class);
        }

        @Test
        void onceCommittedAFaultIsNoLongerPossible() throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ResponseWriter w = new ResponseWriter(out).beginArray();
            while (!w.committed()) {
                w.value("0123456789abcdef");
            }
            assertThat(out.size()).isGreaterThan(60_000);
            assertThatThrownBy(() -> w.fault(-32500, "application error")).isInstanceOf(IllegalStateException.class);
        }

        /** The list_packages_with_serial shape at PyPI scale: streamed, flushed once at the end (speed: bench/xmlrpc.sh). */
        @Test
        void sevenHundredThousandMembers() throws IOException {
            CountingStream out = new CountingStream();
            ResponseWriter w = new ResponseWriter(out).beginStruct();
            for (int i = 0; i < 700_000; i++) {
                w.member("project-name-" + i).value(i + 1_000_000);
            }
            w.endStruct().end();
            assertThat(out.count).isGreaterThan(700_000L * 60);
            assertThat(out.flushes).isEqualTo(1);
        }
    }

    static final class CountingStream extends OutputStream {
        long count;
        int flushes;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }

        @Override
        public void flush() {
            flushes++;
        }
    }
}
