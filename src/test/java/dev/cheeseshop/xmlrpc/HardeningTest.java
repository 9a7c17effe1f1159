package dev.cheeseshop.xmlrpc;

import static dev.cheeseshop.xmlrpc.TestSupport.call;
import static dev.cheeseshop.xmlrpc.TestSupport.parse;
import static dev.cheeseshop.xmlrpc.TestSupport.parseFault;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Untrusted bodies: DTDs, entities, size and shape limits, garbage. Every outcome is a fault. */
class HardeningTest {
    private static final String PARSE_ERROR = "parse error; not well formed";

    @TempDir
    Path tmp;

    /** The fault's wire text, log detail and causes must never carry {@code secret}. */
    private static void assertLeaksNothing(XmlRpcFault f, String secret) {
        assertThat(f.code()).isEqualTo(-32700);
        assertThat(f.message()).isEqualTo(PARSE_ERROR);
        assertThat(String.valueOf(f.detail())).doesNotContain(secret);
        for (Throwable t = f.getCause(); t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(secret);
        }
    }

    private String secretFile() throws IOException {
        String marker = "xxe-marker-" + Long.toHexString(System.nanoTime());
        Path secret = tmp.resolve("secret.txt");
        Files.writeString(secret, marker);
        return marker;
    }

    @Test
    void doctypeWithExternalEntityIsRefusedAndNotRead() throws IOException {
        String marker = secretFile();
        String body = "<?xml version='1.0'?><!DOCTYPE x [<!ENTITY e SYSTEM '" + tmp.resolve("secret.txt").toUri()
                + "'>]>" + call("package_roles", "<value><string>&e;</string></value>").substring(22);
        XmlRpcFault f = parseFault(body);
        assertLeaksNothing(f, marker);
        assertThat(f.detail()).isEqualTo("DOCTYPE refused");
    }

    @Test
    void parameterEntityAndExternalSubsetAreRefused() throws IOException {
        String marker = secretFile();
        String uri = tmp.resolve("secret.txt").toUri().toString();
        assertLeaksNothing(parseFault("<?xml version='1.0'?><!DOCTYPE x [<!ENTITY % p SYSTEM '" + uri
                + "'> %p;]><methodCall><methodName>m</methodName></methodCall>"), marker);
        assertLeaksNothing(parseFault("<!DOCTYPE methodCall SYSTEM '" + uri
                + "'><methodCall><methodName>m</methodName></methodCall>"), marker);
        assertLeaksNothing(parseFault("<!DOCTYPE methodCall PUBLIC '-//x//y' '" + uri
                + "'><methodCall><methodName>m</methodName></methodCall>"), marker);
    }

    @Test
    void externalDtdIsNeverFetchedOverTheNetwork() throws IOException {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            server.configureBlocking(false);
            int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
            for (String doctype : List.of("<!DOCTYPE x SYSTEM 'http://127.0.0.1:" + port + "/x.dtd'>",
                    "<!DOCTYPE x [<!ENTITY e SYSTEM 'http://127.0.0.1:" + port + "/e'>]>",
                    "<!DOCTYPE x [<!ENTITY % p SYSTEM 'http://127.0.0.1:" + port + "/p'> %p;]>")) {
                XmlRpcFault f = parseFault(doctype + "<methodCall><methodName>&e;</methodName></methodCall>");
                assertThat(f.code()).isEqualTo(-32700);
            }
            assertThat(server.accept()).as("a connection attempt reached the test server").isNull();
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS) // a hang guard, not a speed assertion
    void billionLaughsIsRefusedWithoutExpansion() {
        StringBuilder body = new StringBuilder("<?xml version='1.0'?><!DOCTYPE l [<!ENTITY a 'aaaaaaaaaa'>");
        for (int i = 0; i < 8; i++) {
            body.append("<!ENTITY ").append((char) ('b' + i)).append(" '")
                    .append(("&" + (char) ('a' + i) + ";").repeat(10)).append("'>");
        }
        body.append("]><methodCall><methodName>package_roles</methodName><params><param><value>"
                + "<string>&i;</string></value></param></params></methodCall>");
        assertThat(parseFault(body.toString()).code()).isEqualTo(-32700);
    }

    @Test
    void undeclaredEntityReferenceIsRefused() {
        assertThat(parseFault(call("m", "<value><string>&foo;</string></value>")).detail())
                .isEqualTo("entity reference refused");
        assertThat(parseFault(call("m", "<value>&#0;</value>")).code()).isEqualTo(-32700);
        assertThat(parseFault(call("m", "<value>&#xD800;</value>")).code()).isEqualTo(-32700);
    }

    @Test
    void fiveThousandDeepArraysAreRefusedWithoutStackOverflow() {
        String deep = "<methodCall><methodName>browse</methodName><params><param>"
                + "<value><array><data>".repeat(5000) + "</data></array></value>".repeat(5000)
                + "</param></params></methodCall>";
        XmlRpcFault f = parseFault(deep);
        assertThat(f.message()).isEqualTo(PARSE_ERROR);
        assertThat(f.detail()).isEqualTo("values nested deeper than 32");
    }

    @Test
    void depthLimitIsExact() {
        String ok = call("m", "<value><array><data>".repeat(31) + "<value>x</value>"
                + "</data></array></value>".repeat(31));
        assertThat(parse(ok).params()).hasSize(1);
        String over = call("m", "<value><array><data>".repeat(32) + "<value>x</value>"
                + "</data></array></value>".repeat(32));
        assertThat(parseFault(over).detail()).startsWith("values nested deeper");
        String structs = call("m", "<value><struct><member><name>k</name>".repeat(33) + "<value/>"
                + "</member></struct></value>".repeat(33));
        assertThat(parseFault(structs).detail()).startsWith("values nested deeper");
    }

    /** With the limits lifted, very deep input is still parsed iteratively (no recursion). */
    @Test
    void parsingIsIterative() {
        int n = 50_000;
        Limits huge = new Limits(1L << 26, n + 1, 4 * n, 1024, 10);
        String body = call("m", "<value><array><data>".repeat(n) + "<value>x</value>"
                + "</data></array></value>".repeat(n));
        Object v = TestSupport.parse(body, huge).params().get(0);
        int depth = 0;
        while (v instanceof List<?> list) {
            v = list.get(0);
            depth++;
        }
        assertThat(depth).isEqualTo(n);
        assertThat(v).isEqualTo("x");
    }

    @Test
    void oversizeBodyIsRefused() {
        byte[] body = call("m", "<value>" + "x".repeat(1 << 20) + "</value>").getBytes(StandardCharsets.UTF_8);
        XmlRpcFault f = parseFault(body, new Limits(1 << 20, 32, 10_000, 2 << 20, 1000));
        assertThat(f.message()).isEqualTo(PARSE_ERROR);
        assertThat(f.detail()).isEqualTo("body larger than 1048576 bytes");
    }

    @Test
    void bodyLimitIsExact() {
        byte[] body = call("m", "<value>x</value>").getBytes(StandardCharsets.UTF_8);
        Limits exact = new Limits(body.length, 32, 10_000, 65_536, 1000);
        assertThat(new RequestParser(exact).parse(new java.io.ByteArrayInputStream(body)).params()).containsExactly("x");
        Limits oneLess = new Limits(body.length - 1, 32, 10_000, 65_536, 1000);
        assertThat(parseFault(body, oneLess).detail()).startsWith("body larger");
    }

    /** An endless body: the parser stops reading one byte after the limit. */
    @Test
    void endlessStreamIsCutOffAtTheLimit() {
        byte[] prefix = "<methodCall><methodName>m</methodName><params><param><value>".getBytes(StandardCharsets.US_ASCII);
        long[] served = new long[1];
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                long i = served[0]++;
                return i < prefix.length ? prefix[(int) i] : 'a';
            }
        };
        Limits limits = new Limits(4096, 32, 10_000, 1 << 20, 1000);
        XmlRpcFault[] fault = new XmlRpcFault[1];
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RequestParser(limits).parse(endless))
                .isInstanceOfSatisfying(XmlRpcFault.class, f -> fault[0] = f);
        assertThat(fault[0].detail()).startsWith("body larger");
        assertThat(served[0]).isEqualTo(4097);
    }

    @Test
    void tooManyElementsIsRefused() {
        String body = call("m", "<value><array><data>" + "<value><int>1</int></value>".repeat(5000)
                + "</data></array></value>");
        assertThat(parseFault(body).detail()).isEqualTo("more than 10000 elements");
        String fits = call("m", "<value><array><data>" + "<value><int>1</int></value>".repeat(4990)
                + "</data></array></value>");
        assertThat((List<?>) parse(fits).params().get(0)).hasSize(4990);
    }

    @Test
    void tooManyParamsIsRefused() {
        String[] values = new String[1001];
        java.util.Arrays.fill(values, "<value><i4>1</i4></value>");
        assertThat(parseFault(call("m", values)).detail()).isEqualTo("more than 1000 params");
        assertThat(parse(call("m", java.util.Arrays.copyOf(values, 1000))).params()).hasSize(1000);
    }

    @Test
    void hugeStringsAreRefused() {
        String max = "y".repeat(65_536);
        assertThat(parse(call("m", "<value><string>" + max + "</string></value>")).params()).containsExactly(max);
        for (String v : List.of("<value><string>" + max + "z</string></value>", "<value>" + max + "z</value>",
                "<value><struct><member><name>" + max + "z</name><value/></member></struct></value>",
                "<value><int>" + "1".repeat(65_537) + "</int></value>",
                "<value><string>" + "&amp;".repeat(65_537) + "</string></value>")) {
            assertThat(parseFault(call("m", v)).detail()).isEqualTo("text longer than 65536");
        }
        assertThat(parseFault(call(max + "z")).detail()).isEqualTo("text longer than 65536");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        " ",
        "<methodCall><methodName>changelog_last_serial",
        "<methodCall><methodName>m</methodName><params><param><value><int>1</int></value></param>",
        "not xml at all",
        "{\"method\": \"changelog_last_serial\"}",
        "<methodResponse><params/></methodResponse>",
        "<foo><methodName>m</methodName></foo>",
        "<methodCall><methodName>m</methodName></methodCall><methodCall/>",
        "<methodCall><methodName>m</methodName></methodCall>junk",
        "<?xml version='1.0'?><?xml version='1.0'?><methodCall/>",
        "<?xml version='1.0' encoding='x-klingon'?><methodCall><methodName>m</methodName></methodCall>",
        "<?xml version='1.0' encoding='EBCDIC-CP-US'?><methodCall><methodName>m</methodName></methodCall>",
        "<methodCall><methodName>m</methodName><foo/></methodCall>",
        "<methodCall><methodName>m</methodName><methodName>n</methodName></methodCall>",
        "<methodCall><methodName>m</methodName><params/><params/></methodCall>",
        "<methodCall>text<methodName>m</methodName></methodCall>",
        "<methodCall><methodName>m<b/></methodName></methodCall>",
        "<methodCall><methodName>m</methodName><params>x</params></methodCall>",
        "<methodCall><methodName>m</methodName><params><value>1</value></params></methodCall>",
        "<methodCall><methodName>m</methodName><params><param></param></params></methodCall>",
        "<methodCall><methodName>m</methodName><params><param><value>1</value><value>2</value></param></params></methodCall>",
        "<methodCall><methodName>m</methodName><params><param><value><foo/></value></param></params></methodCall>",
        "<methodCall><methodName>m</methodName><params><param><value><int>1</int><int>2</int></value></param></params></methodCall>",
        "<methodCall><methodName>m</methodName><params><param><value>a<int>1</int></value></param></params></methodCall>",
        "<methodCall><methodName>m</methodName><params><param><value><int>1</int>b</value></param></params></methodCall>",
        "<methodCall><methodName>m</methodName><params><param><value><int><i4>1</i4></int></value></param></params></methodCall>",
        "<methodCall><methodName>m</methodName><params><param><value><array><value>1</value></array></value></param></params></methodCall>",
        "<methodCall><methodName>m</methodName><params><param><value><array/></value></param></params></methodCall>",
        "<methodCall><methodName>m</methodName><params><param><value><array><data/><data/></array></value></param></params></methodCall>",
        "<methodCall><methodName>m</methodName><params><param><value><array><data>x</data></array></value></param></params></methodCall>",
        "<methodCall><methodName>m</methodName><params><param><value><struct><member><value>1</value></member></struct></value></param></params></methodCall>",
        "<methodCall><methodName>m</methodName><params><param><value><struct><member><name>a</name></member></struct></value></param></params></methodCall>",
        "<methodCall><methodName>m</methodName><params><param><value><struct><member><value>1</value><name>a</name></member></struct></value></param></params></methodCall>",
        "<methodCall><methodName>m</methodName><params><param><value><struct><member><name>a</name><name>b</name><value/></member></struct></value></param></params></methodCall>",
        "<methodCall><methodName>m</methodName><params><param><value><struct><value>1</value></struct></value></param></params></methodCall>",
        "<methodCall><methodName>m</methodName><params><param><value><struct><member><name>a<b/></name><value/></member></struct></value></param></params></methodCall>",
        "<methodCall><methodName>m</methodName><params><param><value><Int>1</Int></value></param></params></methodCall>",
        "<methodCall><methodName>m</methodName><params><param><value><boolean>yes</boolean></value></param></params></methodCall>",
        "<methodCall><methodName>m</methodName><params><param><value><double>0x10</double></value></param></params></methodCall>",
        "<methodCall><methodName>m</methodName><params><param><value><int a='1' a='2'>1</int></value></param></params></methodCall>",
        "<methodCall><methodName>m</methodName><params><param><value><int>1</int></value></param></params></methodcall>",
        "<methodCall><methodName>m</methodName><params><param><value><![CDATA[x</value></param></params></methodCall>",
        "\u0000<methodCall/>",
        "<methodCall><methodName>m\u0001</methodName></methodCall>",
        "<?xml version='2.0'?><methodCall><methodName>m</methodName></methodCall>",
    })
    void malformedOrWrongStructureIsAParseError(String body) {
        XmlRpcFault f = parseFault(body);
        assertThat(f.code()).isEqualTo(-32700);
        assertThat(f.message()).isEqualTo(PARSE_ERROR);
    }

    @Test
    void binaryGarbageAndTruncationsAreParseErrors() {
        byte[] valid = call("changelog_since_serial", "<value><i4>42</i4></value>").getBytes(StandardCharsets.UTF_8);
        for (int cut = 0; cut < valid.length; cut++) {
            byte[] truncated = java.util.Arrays.copyOf(valid, cut);
            assertThat(parseFault(truncated, Limits.DEFAULTS).message()).as("cut at %d", cut).isEqualTo(PARSE_ERROR);
        }
        assertThat(parseFault(new byte[] {(byte) 0xFE, (byte) 0xFF, 0, 0x3C, (byte) 0xD8, 0}, Limits.DEFAULTS).code())
                .isEqualTo(-32700);
        assertThat(parseFault(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13}, Limits.DEFAULTS).code())
                .isEqualTo(-32700);
    }

    @Test
    void callerStreamIsNotClosed() {
        boolean[] closed = new boolean[1];
        InputStream in = new java.io.ByteArrayInputStream(call("m").getBytes(StandardCharsets.UTF_8)) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        assertThat(new RequestParser().parse(in).methodName()).isEqualTo("m");
        assertThat(closed[0]).isFalse();
    }
}
