package dev.cheeseshop.xmlrpc;

import static dev.cheeseshop.xmlrpc.TestSupport.call;
import static dev.cheeseshop.xmlrpc.TestSupport.parse;
import static dev.cheeseshop.xmlrpc.TestSupport.parseFault;
import static dev.cheeseshop.xmlrpc.TestSupport.resource;
import static dev.cheeseshop.xmlrpc.TestSupport.value;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading {@code <methodCall>} bodies: what real clients send and how values map to Java. */
class RequestParsingTest {

    @Nested
    class RealClientBodies {
        @Test
        void bandersnatchListPackagesWithSerial() {
            MethodCall c = parse(resource("handwritten/bandersnatch-list_packages_with_serial.xml"));
            assertThat(c.methodName()).isEqualTo("list_packages_with_serial");
            assertThat(c.params()).isEmpty();
        }

        @Test
        void bandersnatchChangelogSinceSerialWithI4() {
            MethodCall c = parse(resource("handwritten/bandersnatch-changelog_since_serial.xml"));
            assertThat(c.methodName()).isEqualTo("changelog_since_serial");
            assertThat(c.params()).containsExactly(42L);
        }

        @TestFactory
        List<DynamicTest> everyCPythonRequestFixtureParses() {
            return TestSupport.tsv("requests/expected.tsv").stream()
                    .map(row -> DynamicTest.dynamicTest(row[0], () -> {
                        MethodCall c = parse(resource("requests/" + row[0]));
                        assertThat(c.methodName()).isEqualTo(row[1]);
                    }))
                    .toList();
        }

        @Test
        void cpythonFixtureValues() {
            assertThat(parse(resource("requests/000-changelog_last_serial.xml")).params()).isEmpty();
            assertThat(parse(resource("requests/004-changelog_since_serial.xml")).params()).containsExactly(5L);
            assertThat(parse(resource("requests/007-changelog_since_serial.xml")).params()).containsExactly(true);
            assertThat(parse(resource("requests/008-changelog_since_serial.xml")).params()).containsExactly(5.0);
            assertThat(parse(resource("requests/009-changelog_since_serial.xml")).params()).containsExactly((Object) null);
            assertThat(parse(resource("requests/013-changelog_since_serial.xml")).params().get(0))
                    .isEqualTo("5".getBytes(StandardCharsets.US_ASCII));
            assertThat(parse(resource("requests/022-package_roles.xml")).params())
                    .containsExactly(new XmlRpcDateTime("20200101T00:00:00"));
            assertThat(parse(resource("requests/033-browse.xml")).params())
                    .containsExactly(Arrays.asList("a", 1L, "b", null));
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("name", List.of("a", "b"));
            spec.put("version", "1");
            assertThat(parse(resource("requests/061-search.xml")).params()).containsExactly(spec, "or");
        }

        @Test
        void i8AndBiginteger() {
            assertThat(parse(resource("handwritten/i8.xml")).params()).containsExactly(1L << 40);
            assertThat(parse(resource("handwritten/biginteger.xml")).params())
                    .containsExactly(new BigInteger("-123456789012345678901234567890"));
        }

        @Test
        void namespacedNilWithDeclaration() {
            MethodCall c = parse(resource("handwritten/ex-nil.xml"));
            assertThat(c.params()).containsExactly(null, Arrays.asList(null, 5L));
        }

        @Test
        void bareTextValuesAreStrings() {
            assertThat(parse(resource("handwritten/bare-text.xml")).params())
                    .containsExactly("Django", " 5.0 & more ", "", "");
        }

        @Test
        void prettyPrintedBodyWithComment() {
            MethodCall c = parse(resource("handwritten/pretty.xml"));
            assertThat(c.methodName()).isEqualTo("search");
            assertThat(c.params()).containsExactly(
                    Map.of("name", List.of("django", "flask"), "summary", "web framework"), "or");
            assertThat(c.params().get(0)).isInstanceOf(LinkedHashMap.class);
        }

        @Test
        void everyTagAtOnce() {
            @SuppressWarnings("unchecked")
            List<Object> all = (List<Object>) parse(resource("handwritten/all-types.xml")).params().get(0);
            assertThat(all).hasSize(17);
            assertThat(all.subList(0, 6)).containsExactly(1L, -2L, 3L, 4L, Long.MIN_VALUE,
                    new BigInteger("9223372036854775808"));
            assertThat(all.subList(6, 13)).containsExactly(true, false, "a <b> & \u00e9\uD83D\uDE00", -1.5,
                    1000.0, new BigDecimal("3.14159265358979323846"), null);
            assertThat((byte[]) all.get(13)).isEqualTo("hello".getBytes(StandardCharsets.US_ASCII));
            assertThat(all.subList(14, 17)).containsExactly(new XmlRpcDateTime("20200102T03:04:05"),
                    Map.of(), List.of());
        }
    }

    @Nested
    class Integers {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "<int>5</int>|5", "<int> 5 </int>|5", "<int>+0001</int>|1", "<int>-17</int>|-17",
            "<int>1_000</int>|1000", "<i4>2147483647</i4>|2147483647", "<i1>0</i1>|0",
            "<i8>9223372036854775807</i8>|9223372036854775807",
            "<int>\u0661\u0662</int>|12", "<int>\u00a012\u2003</int>|12", "<int>\\n\\t7\\r\\n</int>|7"})
        void acceptedLikePythonInt(String xml, long expected) {
            String unescaped = xml.replace("\\n", "\n").replace("\\t", "\t").replace("\\r", "\r");
            assertThat(value("<value>" + unescaped + "</value>")).isEqualTo(expected);
        }

        @Test
        void bigValuesBecomeBigInteger() {
            assertThat(value("<value><int>9223372036854775808</int></value>"))
                    .isEqualTo(new BigInteger("9223372036854775808"));
            assertThat(value("<value><i4>-9223372036854775809</i4></value>"))
                    .isEqualTo(new BigInteger("-9223372036854775809"));
            assertThat(value("<value><int>00000000000000000000000042</int></value>")).isEqualTo(42L);
        }

        @Test
        void pythonDigitLimitIs4300() {
            String max = "9".repeat(4300);
            assertThat(value("<value><int>-" + max + "</int></value>")).isEqualTo(new BigInteger("-" + max));
            assertThat(value("<value><int>" + "1_".repeat(2000) + "1".repeat(2300) + "</int></value>"))
                    .isInstanceOf(BigInteger.class);
            assertThat(parseFault(call("m", "<value><int>" + "0".repeat(4301) + "</int></value>")).code())
                    .isEqualTo(-32700);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", " ", "1__0", "_1", "1_", "- 1", "+-1", "1.0", "0x10", "1e3", "one",
            "\u00b2", "12a", "--1"})
        void refusedLikePythonInt(String text) {
            XmlRpcFault f = parseFault(call("m", "<value><int>" + text + "</int></value>"));
            assertThat(f.code()).isEqualTo(-32700);
            assertThat(f.message()).isEqualTo("parse error; not well formed");
        }
    }

    @Nested
    class OtherScalars {
        @Test
        void booleansOnlyZeroOrOne() {
            assertThat(value("<value><boolean>1</boolean></value>")).isEqualTo(true);
            assertThat(value("<value><boolean>0</boolean></value>")).isEqualTo(false);
            for (String bad : List.of(" 1", "1 ", "2", "true", "", "01")) {
                assertThat(parseFault(call("m", "<value><boolean>" + bad + "</boolean></value>")).code())
                        .as(bad).isEqualTo(-32700);
            }
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {"1.5|1.5", " 1_0.5e1_0 |1.05E11", ".5|0.5", "5.|5.0",
            "-0.0|-0.0", "1e999|Infinity", "-InFiNiTy|-Infinity", "inf|Infinity", "+nan|NaN",
            "1E-3|0.001", "7|7.0"})
        void doublesLikePythonFloat(String text, double expected) {
            assertThat(value("<value><double>" + text + "</double></value>")).isEqualTo(expected);
            assertThat(value("<value><float>" + text + "</float></value>")).isEqualTo(expected);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "0x10", "1d", "1f", "1e", "1_.5", "1._5", ".", "e5", "NaN1",
            "Infinit", "1,5", "0x1p3", "--1"})
        void doublesRefusedLikePythonFloat(String text) {
            assertThat(parseFault(call("m", "<value><double>" + text + "</double></value>")).code())
                    .isEqualTo(-32700);
        }

        @Test
        void bigdecimal() {
            assertThat(value("<value><bigdecimal> 1.50 </bigdecimal></value>")).isEqualTo(new BigDecimal("1.50"));
            assertThat(value("<value><bigdecimal>1_0e+2</bigdecimal></value>")).isEqualTo(new BigDecimal("10e2"));
            assertThat(value("<value><bigdecimal>-Inf</bigdecimal></value>")).isEqualTo(Double.NEGATIVE_INFINITY);
            assertThat(value("<value><bigdecimal>sNaN</bigdecimal></value>")).isEqualTo(Double.NaN);
            assertThat(parseFault(call("m", "<value><bigdecimal>1x</bigdecimal></value>")).code()).isEqualTo(-32700);
            assertThat(parseFault(call("m", "<value><bigdecimal>1e99999999999</bigdecimal></value>")).code())
                    .isEqualTo(-32700);
        }

        /** Expected bytes are what CPython's base64.decodebytes returns for the same text. */
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {"aGV\\nsbG8=|hello", "a!GVsbG8=garbage|hello",
            "a=GVsbG8=|hello", "aGVsbA==aGVs|hell", "aG=VsbA==|hell", "aGVs=bG8=|hello",
            "YQ==YQ==|a", "===YQ==|a", "YWJj=|abc", "YW=Jj|abc", "=|''", "''|''"})
        void base64LenientLikeCPython(String text, String expected) {
            String unescaped = text.replace("\\n", "\n");
            assertThat((byte[]) value("<value><base64>" + unescaped + "</base64></value>"))
                    .isEqualTo(expected.getBytes(StandardCharsets.US_ASCII));
        }

        @Test
        void base64EndsAtPaddingKeepingPartialBytes() {
            assertThat((byte[]) value("<value><base64>aGVsbA=x=</base64></value>"))
                    .isEqualTo(new byte[] {'h', 'e', 'l', 'l', 0x0c});
        }

        @ParameterizedTest
        @ValueSource(strings = {"aGVsbG8", "aGVsbA=", "aGVsb", "aGVsb===", "Y=Q=", "Y", "\u00e9", "YQ==\u00e9"})
        void base64RefusedLikeCPython(String text) {
            assertThat(parseFault(call("m", "<value><base64>" + text + "</base64></value>")).code())
                    .isEqualTo(-32700);
        }

        @Test
        void dateTimeKeepsStrippedTextUnchecked() {
            assertThat(value("<value><dateTime.iso8601> garbage \n</dateTime.iso8601></value>"))
                    .isEqualTo(new XmlRpcDateTime("garbage"));
        }

        @Test
        void nilIgnoresItsTextAndAnyPrefix() {
            assertThat(value("<value><nil>abc</nil></value>")).isNull();
            assertThat(value("<value><ex:nil/></value>")).isNull();
            assertThat(value("<value><a:b:nil/></value>")).isNull();
        }

        @Test
        void stringsKeepWhitespaceAndDecodeReferences() {
            assertThat(value("<value><string>  a\tb  </string></value>")).isEqualTo("  a\tb  ");
            assertThat(value("<value><string>&lt;&gt;&amp;&quot;&apos;&#65;&#x42;</string></value>"))
                    .isEqualTo("<>&\"'AB");
            assertThat(value("<value><![CDATA[<a>]]></value>")).isEqualTo("<a>");
            assertThat(value("<value><string>a\r\nb\rc</string></value>")).isEqualTo("a\nb\nc");
            assertThat(value("<value><string/></value>")).isEqualTo("");
            assertThat(value("<value><string>\uD83D\uDE00</string></value>")).isEqualTo("\uD83D\uDE00");
        }
    }

    @Nested
    class Containers {
        @Test
        void structKeepsOrderAndLastDuplicateWins() {
            Object v = value("<value><struct><member><name>b</name><value>1</value></member>"
                    + "<member><name>a</name><value>2</value></member>"
                    + "<member><name>b</name><value>3</value></member></struct></value>");
            assertThat(v).isInstanceOf(LinkedHashMap.class);
            assertThat(List.copyOf(((Map<?, ?>) v).keySet())).isEqualTo(List.of("b", "a"));
            assertThat(v).isEqualTo(Map.of("b", "3", "a", "2"));
        }

        @Test
        void arraysMayHoldNullsAndNest() {
            assertThat(value("<value><array><data><value><nil/></value><value><array><data>"
                    + "<value><i4>1</i4></value></data></array></value></data></array></value>"))
                    .isEqualTo(Arrays.asList(null, List.of(1L)));
        }

        @Test
        void emptyNameAndPrefixedStructure() {
            assertThat(value("<value><struct><member><name/><value/></member></struct></value>"))
                    .isEqualTo(Map.of("", ""));
            assertThat(parse("<x:methodCall><x:methodName>m</x:methodName><x:params><x:param>"
                    + "<x:value><x:int>1</x:int></x:value></x:param></x:params></x:methodCall>").params())
                    .containsExactly(1L);
        }
    }

    @Nested
    class MethodNameAndParams {
        @Test
        void missingParamsMeansNoParams() {
            MethodCall c = parse("<methodCall><methodName>list_packages</methodName></methodCall>");
            assertThat(c.methodName()).isEqualTo("list_packages");
            assertThat(c.params()).isEmpty();
        }

        @Test
        void methodNameAfterParamsAndEmptyMethodName() {
            assertThat(parse("<methodCall><params/><methodName>x</methodName></methodCall>").methodName())
                    .isEqualTo("x");
            assertThat(parse("<methodCall><methodName></methodName></methodCall>").methodName()).isEmpty();
            assertThat(parse("<methodCall><methodName> a.b </methodName></methodCall>").methodName())
                    .isEqualTo(" a.b ");
        }

        @Test
        void missingMethodNameWithParamsIsMethodNotFound() {
            XmlRpcFault f = parseFault("<methodCall><params><param><value>1</value></param></params></methodCall>");
            assertThat(f.code()).isEqualTo(-32601);
            assertThat(f.message()).isEqualTo("server error; requested method not found");
        }

        @Test
        void emptyCallIsAParseErrorLikeCPython() {
            assertThat(parseFault("<methodCall/>").code()).isEqualTo(-32700);
            assertThat(parseFault("<methodCall>\n</methodCall>").code()).isEqualTo(-32700);
        }

        @Test
        void paramsAreUnmodifiable() {
            MethodCall c = parse(call("m", "<value>1</value>"));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> c.params().add("x"))
                    .isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Nested
    class Encodings {
        @Test
        void asciiDeclarationWithCharacterReferences() {
            byte[] body = ("<?xml version='1.0' encoding='ASCII'?>\n" + call("m", "<value>caf&#233;</value>")
                    .substring(call("m").indexOf('\n') + 1)).getBytes(StandardCharsets.US_ASCII);
            assertThat(parse(body).params()).containsExactly("caf\u00e9");
        }

        @Test
        void asciiDeclarationWithRawNonAsciiByteIsRefused() {
            byte[] body = "<?xml version='1.0' encoding='ASCII'?><methodCall><methodName>caf\u00e9</methodName></methodCall>"
                    .getBytes(StandardCharsets.ISO_8859_1);
            assertThat(parseFault(body, Limits.DEFAULTS).code()).isEqualTo(-32700);
        }

        @Test
        void latin1AndUtf16AndDefaultUtf8() {
            byte[] latin1 = "<?xml version='1.0' encoding='ISO-8859-1'?><methodCall><methodName>caf\u00e9</methodName></methodCall>"
                    .getBytes(StandardCharsets.ISO_8859_1);
            assertThat(parse(latin1).methodName()).isEqualTo("caf\u00e9");
            byte[] utf16 = "<?xml version='1.0' encoding='UTF-16'?><methodCall><methodName>\u2603</methodName></methodCall>"
                    .getBytes(StandardCharsets.UTF_16);
            assertThat(parse(utf16).methodName()).isEqualTo("\u2603");
            assertThat(parse("<methodCall><methodName>\u2603</methodName></methodCall>").methodName())
                    .isEqualTo("\u2603");
        }

        @Test
        void invalidUtf8IsAParseError() {
            byte[] body = "<methodCall><methodName>xx</methodName></methodCall>".getBytes(StandardCharsets.US_ASCII);
            body[24] = (byte) 0xC3;
            body[25] = (byte) 0x28;
            assertThat(parseFault(body, Limits.DEFAULTS).code()).isEqualTo(-32700);
        }
    }
}
