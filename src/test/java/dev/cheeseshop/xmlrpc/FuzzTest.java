package dev.cheeseshop.xmlrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Mutated valid bodies and random bytes: the parser may only return a {@link MethodCall} or
 * throw {@link XmlRpcFault}, and the dispatcher may only answer with a methodResponse. The seed
 * changes per run; reproduce a failure with {@code mvn test -Dtest=FuzzTest -Dxmlrpc.fuzz.seed=N}
 * (and {@code -Dxmlrpc.fuzz.mutants=N} for a longer run).
 */
class FuzzTest {
    private static final int MUTANTS = Integer.getInteger("xmlrpc.fuzz.mutants", 6_000);
    private static final int RANDOM = MUTANTS / 6;
    private static final String[] SNIPPETS = {"<value>", "</value>", "<array><data>", "</data></array>",
        "<struct>", "<member>", "<name>", "</name>", "<int>", "</int>", "<i8>99999999999999999999</i8>",
        "<boolean>2</boolean>", "<nil/>", "<ex:nil/>", "<base64>=</base64>", "<double>1e</double>",
        "<!DOCTYPE x [<!ENTITY e 'x'>]>", "&e;", "&amp;", "&#0;", "&#x10FFFF;", "<![CDATA[", "]]>",
        "<?pi x?>", "<!--", "-->", "\u0000", "\uFFFF", "\uD83D\uDE00", "\u00e9", "<methodName>",
        "</params>", "<param>", "'", "\"", "=", " a='1'", "<?xml version='1.0' encoding='UTF-16'?>"};
    private static final Limits TIGHT = new Limits(2_000, 4, 60, 100, 5);

    private final MethodTable table = PypiStubs.table();

    private static List<byte[]> corpus() {
        List<byte[]> seeds = new ArrayList<>();
        for (String[] row : TestSupport.tsv("requests/expected.tsv")) {
            seeds.add(TestSupport.resource("requests/" + row[0]));
        }
        for (String name : List.of("all-types", "bandersnatch-changelog_since_serial",
                "bandersnatch-list_packages_with_serial", "bare-text", "biginteger", "ex-nil", "i8", "pretty")) {
            seeds.add(TestSupport.resource("handwritten/" + name + ".xml"));
        }
        return seeds;
    }

    @Test
    void parserOnlyReturnsACallOrThrowsAFault() {
        long seed = Long.getLong("xmlrpc.fuzz.seed", System.nanoTime());
        Random random = new Random(seed);
        List<byte[]> corpus = corpus();
        int faults = 0;
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        try {
        for (int i = 0; i < MUTANTS + RANDOM; i++) {
            byte[] body = i < MUTANTS ? mutate(random, corpus.get(random.nextInt(corpus.size())))
                    : randomBytes(random);
            Limits limits = random.nextInt(4) == 0 ? TIGHT : Limits.DEFAULTS;
            try {
                new RequestParser(limits).parse(new ByteArrayInputStream(body));
            } catch (XmlRpcFault f) {
                faults++;
                assertThat(f.message()).isIn("parse error; not well formed", "server error; requested method not found");
            } catch (Throwable t) {
                fail("seed " + seed + " case " + i + " (-Dxmlrpc.fuzz.seed=" + seed + "): " + t
                        + "\nbody hex: " + HexFormat.of().formatHex(body), t);
            }
            if (i % 7 == 0) {
                dispatch(seed, i, body);
            }
            if (printed.size() > 0) { // the JDK parser must not write to stdout/stderr either
                fail("seed " + seed + " case " + i + " printed: " + printed.toString(StandardCharsets.UTF_8)
                        + "\nbody hex: " + HexFormat.of().formatHex(body));
            }
        }
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
        System.out.println("fuzz seed " + seed + ": " + (MUTANTS + RANDOM) + " cases, " + faults + " faults");
        assertThat(faults).isPositive();
    }

    private void dispatch(long seed, int i, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Dispatcher.Outcome o = new Dispatcher(table).handle(new ByteArrayInputStream(body), Map.of(), CallGate.OPEN, out);
            assertThat(o.truncated()).isFalse();
            if (o.error() != null) { // the echo stubs may hand back ints too big for <int>
                assertThat(o.error()).isInstanceOf(UnencodableValueException.class);
            }
        } catch (Throwable t) {
            fail("seed " + seed + " case " + i + " dispatch: " + t + "\nbody hex: " + HexFormat.of().formatHex(body), t);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("<?xml version='1.0'?>\n<methodResponse>\n")
                .endsWith("</methodResponse>\n");
    }

    private static byte[] randomBytes(Random random) {
        byte[] b = new byte[random.nextInt(300)];
        random.nextBytes(b);
        if (random.nextBoolean() && b.length > 0) {
            b[0] = '<'; // get past the first byte more often
        }
        return b;
    }

    private static byte[] mutate(Random random, byte[] seed) {
        byte[] b = seed;
        int rounds = 1 + random.nextInt(4);
        for (int r = 0; r < rounds; r++) {
            b = switch (random.nextInt(8)) {
                case 0 -> flipBit(random, b);
                case 1 -> Arrays.copyOf(b, b.length == 0 ? 0 : random.nextInt(b.length));
                case 2 -> insert(random, b, SNIPPETS[random.nextInt(SNIPPETS.length)].getBytes(StandardCharsets.UTF_8));
                case 3 -> insert(random, b, slice(random, b)); // duplicated tags and text
                case 4 -> delete(random, b);
                case 5 -> replaceByte(random, b);
                case 6 -> insert(random, b, randomBytes(random));
                default -> repeat(random, b);
            };
        }
        return b;
    }

    private static byte[] flipBit(Random random, byte[] b) {
        if (b.length == 0) {
            return b;
        }
        byte[] c = b.clone();
        c[random.nextInt(c.length)] ^= (byte) (1 << random.nextInt(8));
        return c;
    }

    private static byte[] replaceByte(Random random, byte[] b) {
        if (b.length == 0) {
            return b;
        }
        byte[] c = b.clone();
        byte[] specials = {'<', '>', '&', '/', '"', '\'', 0, (byte) 0xFF, (byte) 0xC3, ':', ';', '#'};
        c[random.nextInt(c.length)] = specials[random.nextInt(specials.length)];
        return c;
    }

    private static byte[] slice(Random random, byte[] b) {
        if (b.length == 0) {
            return b;
        }
        int from = random.nextInt(b.length);
        int to = from + random.nextInt(Math.min(80, b.length - from) + 1);
        return Arrays.copyOfRange(b, from, to);
    }

    private static byte[] insert(Random random, byte[] b, byte[] piece) {
        int at = random.nextInt(b.length + 1);
        byte[] c = new byte[b.length + piece.length];
        System.arraycopy(b, 0, c, 0, at);
        System.arraycopy(piece, 0, c, at, piece.length);
        System.arraycopy(b, at, c, at + piece.length, b.length - at);
        return c;
    }

    private static byte[] delete(Random random, byte[] b) {
        if (b.length == 0) {
            return b;
        }
        int from = random.nextInt(b.length);
        int to = from + random.nextInt(Math.min(40, b.length - from) + 1);
        byte[] c = new byte[b.length - (to - from)];
        System.arraycopy(b, 0, c, 0, from);
        System.arraycopy(b, to, c, from, b.length - to);
        return c;
    }

    /** Nests a slice many times, e.g. {@code <value><array><data>} a few hundred deep. */
    private static byte[] repeat(Random random, byte[] b) {
        byte[] piece = slice(random, b);
        int times = 2 + random.nextInt(400);
        byte[] many = new byte[Math.min(piece.length * times, 200_000)];
        for (int i = 0; i + piece.length <= many.length && piece.length > 0; i += piece.length) {
            System.arraycopy(piece, 0, many, i, piece.length);
        }
        return insert(random, b, many);
    }
}
