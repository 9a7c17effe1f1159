package dev.cheeseshop.xmlrpc;

import static dev.cheeseshop.xmlrpc.TestSupport.resource;
import static dev.cheeseshop.xmlrpc.TestSupport.resourceText;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Body in, response bytes out, with every failure turned into the right fault. */
class DispatcherTest {
    private static final MethodTable TABLE = MethodTable.builder()
            .method("changelog_since_serial", args -> List.of(List.of("Django", "5.0", 1701280908, "new release",
                    args.clampedLong("serial") + 1)), Param.required("serial", ArgType.INT))
            .method("changelog_last_serial", args -> null)
            .method("boom", args -> {
                throw new IllegalStateException("database on fire");
            })
            .method("overflow", args -> 1L << 31)
            .method("deprecated", args -> {
                throw XmlRpcFault.wrapped("RuntimeError", "gone <soon> & forever");
            })
            .method("huge", args -> (StreamingValue) w -> {
                w.beginArray();
                for (int i = 0; i < 50_000; i++) {
                    w.beginArray().value("project-" + i).nil().value(1701280908).value("create").value(i).endArray();
                }
                w.endArray();
            })
            .method("late_failure", args -> (StreamingValue) w -> {
                w.beginArray();
                for (int i = 0; i < 10_000; i++) {
                    w.value("0123456789");
                }
                throw new IOException("cursor lost");
            })
            .build();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private Dispatcher.Outcome handle(byte[] body, Map<String, String> keywords, CallGate gate) throws IOException {
        out.reset();
        return new Dispatcher(TABLE).handle(new ByteArrayInputStream(body), keywords, gate, out);
    }

    private Dispatcher.Outcome handle(String body) throws IOException {
        return handle(body.getBytes(StandardCharsets.UTF_8), Map.of(), CallGate.OPEN);
    }

    private String response() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String fault(int code, String message) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ResponseWriter.writeFault(bytes, code, message);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void bandersnatchCallGetsACPythonShapedResult() throws IOException {
        Dispatcher.Outcome o = handle(resource("handwritten/bandersnatch-changelog_since_serial.xml"), Map.of(), CallGate.OPEN);
        assertThat(o.ok()).isTrue();
        assertThat(o.methodName()).isEqualTo("changelog_since_serial");
        assertThat(response()).isEqualTo("<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n"
                + "<value><array><data>\n<value><array><data>\n<value><string>Django</string></value>\n"
                + "<value><string>5.0</string></value>\n<value><int>1701280908</int></value>\n"
                + "<value><string>new release</string></value>\n<value><int>43</int></value>\n"
                + "</data></array></value>\n</data></array></value>\n</param>\n</params>\n</methodResponse>\n");
    }

    @Test
    void nilResult() throws IOException {
        handle("<methodCall><methodName>changelog_last_serial</methodName></methodCall>");
        assertThat(response()).isEqualTo(resourceText("responses/nil.xml"));
    }

    @Test
    void parseErrorsAndUnknownMethods() throws IOException {
        Dispatcher.Outcome o = handle("<methodCall><methodName>changelog_last_serial");
        assertThat(o.methodName()).isNull();
        assertThat(o.fault().code()).isEqualTo(-32700);
        assertThat(response()).isEqualTo(resourceText("responses/fault-parse.xml"));

        handle("");
        assertThat(response()).isEqualTo(resourceText("responses/fault-parse.xml"));

        o = handle("<methodCall><methodName>system.listMethods</methodName></methodCall>");
        assertThat(o.methodName()).isEqualTo("system.listMethods");
        assertThat(response()).isEqualTo(fault(-32601, "server error; requested method not found"));

        handle("<methodCall><params/></methodCall>");
        assertThat(response()).isEqualTo(fault(-32601, "server error; requested method not found"));
    }

    @Test
    void argumentErrorsIncludingKeywords() throws IOException {
        handle(resource("requests/012-changelog_since_serial.xml"), Map.of(), CallGate.OPEN);
        assertThat(response()).isEqualTo(resourceText("responses/fault-client.xml"));
        handle(resource("handwritten/bandersnatch-changelog_since_serial.xml"), Map.of("foo", "1"), CallGate.OPEN);
        assertThat(response()).isEqualTo(fault(-32602, "client error; foo: Unexpected keyword argument"));
    }

    @Test
    void methodFaultsAndUnexpectedErrors() throws IOException {
        Dispatcher.Outcome o = handle("<methodCall><methodName>deprecated</methodName></methodCall>");
        assertThat(o.error()).isNull();
        assertThat(response()).isEqualTo(fault(-32500, "RuntimeError: gone <soon> & forever"))
                .contains("RuntimeError: gone &lt;soon&gt; &amp; forever");

        o = handle("<methodCall><methodName>boom</methodName></methodCall>");
        assertThat(o.error()).hasMessage("database on fire");
        assertThat(o.truncated()).isFalse();
        assertThat(response()).isEqualTo(fault(-32500, "application error")).doesNotContain("fire");

        o = handle("<methodCall><methodName>overflow</methodName></methodCall>");
        assertThat(o.error()).isInstanceOf(UnencodableValueException.class);
        assertThat(response()).isEqualTo(fault(-32500, "application error"));
    }

    @Test
    void gateFaults() throws IOException {
        CallGate limited = name -> {
            throw XmlRpcFault.wrapped("HTTPTooManyRequests", "The action could not be performed because there "
                    + "were too many requests by the client. Limit may reset in 1 seconds.");
        };
        handle("<methodCall><methodName>changelog_last_serial</methodName></methodCall>".getBytes(StandardCharsets.UTF_8),
                Map.of(), limited);
        assertThat(response()).contains("<value><int>-32500</int></value>",
                "HTTPTooManyRequests: The action could not be performed");
        handle("<methodCall><methodName>nope</methodName></methodCall>".getBytes(StandardCharsets.UTF_8), Map.of(), limited);
        assertThat(response()).isEqualTo(fault(-32601, "server error; requested method not found"));
    }

    @Test
    void streamedResultsAndLateFailures() throws IOException {
        Dispatcher.Outcome o = handle("<methodCall><methodName>huge</methodName></methodCall>");
        assertThat(o.ok()).isTrue();
        assertThat(response()).startsWith("<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n<value><array><data>\n")
                .endsWith("<value><int>49999</int></value>\n</data></array></value>\n</data></array></value>\n"
                        + "</param>\n</params>\n</methodResponse>\n")
                .contains("<value><string>project-7</string></value>\n<value><nil/></value><value><int>1701280908</int>");

        o = handle("<methodCall><methodName>late_failure</methodName></methodCall>");
        assertThat(o.truncated()).isTrue();
        assertThat(o.error()).hasMessage("cursor lost");
        assertThat(response()).doesNotContain("<fault>", "</methodResponse>");
    }
}
