package dev.cheeseshop.xmlrpc;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Parses one XML-RPC {@code <methodCall>} from an untrusted request body.
 *
 * <p>Values map to Java as follows (acceptance rules follow CPython's
 * {@code xmlrpc.client.loads}, which is what PyPI runs):
 * <ul>
 *   <li>{@code int i1 i2 i4 i8 biginteger} → {@code Long}, or {@code BigInteger} when it does
 *       not fit; text as Python's {@code int()} reads it (surrounding whitespace, a sign, single
 *       underscores between digits, Unicode digits; at most 4,300 digits);
 *   <li>{@code boolean} → {@code Boolean}, only {@code 0} or {@code 1};
 *   <li>{@code string}, and text directly inside {@code <value>} → {@code String};
 *   <li>{@code double float} → {@code Double} (Python {@code float()} syntax, incl.
 *       {@code inf}/{@code nan}); {@code bigdecimal} → {@code BigDecimal} (infinities and NaN
 *       → {@code Double});
 *   <li>{@code nil} (any prefix, e.g. {@code ex:nil}) → null;
 *   <li>{@code array} → {@code List<Object>}; {@code struct} → {@code LinkedHashMap<String,
 *       Object>} (a repeated name keeps its first position and takes the last value);
 *   <li>{@code base64} → {@code byte[]} (lenient like {@code base64.decodebytes});
 *       {@code dateTime.iso8601} → {@link XmlRpcDateTime}, text unchecked.
 * </ul>
 * A missing {@code <params>} means no parameters. A missing {@code <methodName>} is fault -32601
 * when {@code <params>} is present and -32700 when the call is empty, as with CPython.
 *
 * <p>Hardening: DTDs and external entities are off and any DOCTYPE is refused; only the five
 * predefined entities and character references are expanded; the {@link Limits} are enforced
 * while reading (the body limit on the stream itself, so a raw request stream may be passed).
 * The only outcomes are a {@link MethodCall} or an {@link XmlRpcFault} (-32700 for anything
 * malformed, oversized or refused); no other exception escapes. The stream is not closed.
 * Instances are immutable and thread-safe.
 */
public final class RequestParser {
    private final Limits limits;

    /** A parser with {@link Limits#DEFAULTS}. */
    public RequestParser() {
        this(Limits.DEFAULTS);
    }

    /** A parser with the given limits. */
    public RequestParser(Limits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** The limits this parser enforces. */
    public Limits limits() {
        return limits;
    }

    /**
     * Reads one method call from {@code body} in the encoding its byte-order mark or XML
     * declaration names (UTF-8, UTF-16, US-ASCII or ISO-8859-1; UTF-8 when none is named).
     *
     * @throws XmlRpcFault -32700 when the body is malformed or breaches a limit, -32601 when
     *                     it has {@code <params>} but no {@code <methodName>}
     */
    public MethodCall parse(InputStream body) throws XmlRpcFault {
        Objects.requireNonNull(body, "body");
        BoundedInputStream in = new BoundedInputStream(body, limits.maxBodyBytes());
        PrologGuard guard = null;
        XMLStreamReader reader = null;
        try {
            guard = new PrologGuard(XmlEncoding.reader(in));
            reader = HardenedXml.factory(limits).createXMLStreamReader(guard);
            return new CallReader(reader, limits).read();
        } catch (XmlRpcFault fault) {
            throw fault;
        } catch (XMLStreamException | IOException | RuntimeException e) {
            // Also the JDK parser's own limit errors and any odd runtime exception on weird input.
            String detail = in.exceeded() ? "body larger than " + limits.maxBodyBytes() + " bytes"
                    : guard != null && guard.refused() ? "DOCTYPE refused"
                    : "malformed XML (" + e.getClass().getSimpleName() + ")";
            throw XmlRpcFault.parseError(detail, e);
        } finally {
            close(reader);
        }
    }

    private static void close(XMLStreamReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (XMLStreamException | RuntimeException ignored) {
                // nothing to release beyond the reader itself
            }
        }
    }
}
