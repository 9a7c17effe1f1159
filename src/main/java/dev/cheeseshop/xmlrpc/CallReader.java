package dev.cheeseshop.xmlrpc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads one {@code <methodCall>} from a StAX reader, iteratively (an explicit frame stack, no
 * recursion), enforcing the structure and the {@link Limits}. Element names lose any namespace
 * prefix, as in CPython. Structure is stricter than CPython: unknown elements, text other than
 * whitespace between elements, a second {@code <methodName>}/{@code <params>}/{@code <data>}, a
 * {@code <param>} or {@code <member>} without exactly one value, and a {@code <value>} with more
 * than one child are all refused. One reader per document; not thread-safe.
 */
final class CallReader {
    private enum Kind {
        ROOT, METHOD_NAME, PARAMS, PARAM, VALUE, SCALAR, ARRAY, DATA, STRUCT, MEMBER, NAME
    }

    /** One open element; only the fields its kind needs are used. */
    private static final class Frame {
        final Kind kind;
        final String tag;
        StringBuilder text;
        boolean blank = true;
        boolean hasValue;
        Object value;
        String name;
        List<Object> list;
        Map<String, Object> map;

        Frame(Kind kind, String tag) {
            this.kind = kind;
            this.tag = tag;
        }
    }

    private final XMLStreamReader reader;
    private final Limits limits;
    private final ArrayList<Frame> stack = new ArrayList<>();
    private final List<Object> params = new ArrayList<>();
    private String methodName;
    private boolean sawParams;
    private boolean sawRoot;
    private int elements;
    private int depth;

    CallReader(XMLStreamReader reader, Limits limits) {
        this.reader = reader;
        this.limits = limits;
    }

    MethodCall read() throws XMLStreamException {
        while (reader.hasNext()) {
            switch (reader.next()) {
                case XMLStreamConstants.START_ELEMENT -> start(localName());
                case XMLStreamConstants.END_ELEMENT -> end();
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA,
                     XMLStreamConstants.SPACE -> text();
                case XMLStreamConstants.DTD -> throw malformed("DOCTYPE refused");
                case XMLStreamConstants.ENTITY_REFERENCE, XMLStreamConstants.ENTITY_DECLARATION,
                     XMLStreamConstants.NOTATION_DECLARATION ->
                        throw XmlRpcFault.parseError("entity reference refused", null);
                default -> { } // comments, processing instructions, document start/end
            }
        }
        if (!sawRoot || !stack.isEmpty()) {
            throw malformed("incomplete document");
        }
        if (methodName == null) {
            // CPython: params but no methodName: method None (-32601); neither: ResponseError.
            throw sawParams ? XmlRpcFault.methodNotFound() : malformed("empty methodCall");
        }
        return new MethodCall(methodName, params);
    }

    private String localName() {
        String name = reader.getLocalName();
        int colon = name.lastIndexOf(':');
        return colon < 0 ? name : name.substring(colon + 1);
    }

    private void start(String tag) {
        if (++elements > limits.maxElements()) {
            throw XmlRpcFault.parseError("more than " + limits.maxElements() + " elements", null);
        }
        Frame parent = stack.isEmpty() ? null : stack.get(stack.size() - 1);
        Kind kind = childKind(parent, tag);
        if (kind == null) {
            throw malformed("unexpected <" + tag + ">");
        }
        if (kind == Kind.VALUE && ++depth > limits.maxDepth()) {
            throw XmlRpcFault.parseError("values nested deeper than " + limits.maxDepth(), null);
        }
        if (kind == Kind.PARAM && params.size() >= limits.maxParams()) {
            throw XmlRpcFault.parseError("more than " + limits.maxParams() + " params", null);
        }
        Frame frame = new Frame(kind, tag);
        switch (kind) {
            case ROOT -> sawRoot = true;
            case DATA -> frame.list = new ArrayList<>();
            case STRUCT -> frame.map = new LinkedHashMap<>();
            case METHOD_NAME, NAME, SCALAR, VALUE -> frame.text = new StringBuilder();
            default -> { }
        }
        if (parent != null && parent.kind == Kind.VALUE) {
            parent.text = null; // only whitespace came before the typed child
        }
        stack.add(frame);
    }

    /** The kind of a {@code tag} child of {@code parent}, or null when it is not allowed there. */
    private Kind childKind(Frame parent, String tag) {
        if (parent == null) {
            return !sawRoot && tag.equals("methodCall") ? Kind.ROOT : null;
        }
        return switch (parent.kind) {
            case ROOT -> tag.equals("methodName") && methodName == null ? Kind.METHOD_NAME
                    : tag.equals("params") && !sawParams ? Kind.PARAMS : null;
            case PARAMS -> tag.equals("param") ? Kind.PARAM : null;
            case PARAM -> tag.equals("value") && !parent.hasValue ? Kind.VALUE : null;
            case DATA -> tag.equals("value") ? Kind.VALUE : null;
            case ARRAY -> tag.equals("data") && !parent.hasValue ? Kind.DATA : null;
            case STRUCT -> tag.equals("member") ? Kind.MEMBER : null;
            case MEMBER -> tag.equals("name") && parent.name == null && !parent.hasValue ? Kind.NAME
                    : tag.equals("value") && parent.name != null && !parent.hasValue ? Kind.VALUE
                    : null;
            case VALUE -> parent.hasValue || !parent.blank ? null
                    : tag.equals("array") ? Kind.ARRAY
                    : tag.equals("struct") ? Kind.STRUCT
                    : ScalarDecoder.isScalarTag(tag) ? Kind.SCALAR : null;
            case METHOD_NAME, NAME, SCALAR -> null;
        };
    }

    private void text() {
        if (stack.isEmpty()) {
            return; // whitespace around the root element
        }
        Frame frame = stack.get(stack.size() - 1);
        char[] chars = reader.getTextCharacters();
        int from = reader.getTextStart();
        int length = reader.getTextLength();
        if (frame.blank) {
            for (int i = from; i < from + length && frame.blank; i++) {
                char c = chars[i];
                frame.blank = c == ' ' || c == '\n' || c == '\t' || c == '\r';
            }
        }
        if (frame.text != null) {
            if (frame.text.length() + length > limits.maxStringChars()) {
                throw XmlRpcFault.parseError("text longer than " + limits.maxStringChars(), null);
            }
            frame.text.append(chars, from, length);
        } else if (!frame.blank) {
            throw malformed("text in <" + frame.tag + ">");
        }
    }

    private void end() {
        Frame frame = stack.remove(stack.size() - 1);
        Frame parent = stack.isEmpty() ? null : stack.get(stack.size() - 1);
        switch (frame.kind) {
            case ROOT -> { }
            case METHOD_NAME -> methodName = frame.text.toString();
            case PARAMS -> sawParams = true;
            case PARAM -> {
                requireValue(frame);
                params.add(frame.value);
            }
            case NAME -> parent.name = frame.text.toString();
            case SCALAR -> deliver(parent, decode(frame.tag, frame.text.toString()));
            case VALUE -> {
                depth--;
                deliver(parent, frame.hasValue ? frame.value
                        : frame.text == null ? "" : frame.text.toString());
            }
            case DATA -> deliver(parent, frame.list);
            case ARRAY -> {
                requireValue(frame);
                deliver(parent, frame.value);
            }
            case STRUCT -> deliver(parent, frame.map);
            case MEMBER -> {
                requireValue(frame);
                parent.map.put(frame.name, frame.value);
            }
        }
    }

    private static Object decode(String tag, String text) {
        try {
            return ScalarDecoder.decode(tag, text);
        } catch (IllegalArgumentException e) { // includes NumberFormatException
            throw XmlRpcFault.parseError("bad <" + tag + "> text", e);
        }
    }

    private static void deliver(Frame parent, Object value) {
        if (parent.kind == Kind.DATA) {
            parent.list.add(value);
        } else {
            parent.value = value;
            parent.hasValue = true;
        }
    }

    private static void requireValue(Frame frame) {
        if (!frame.hasValue) {
            throw malformed("<" + frame.tag + "> without a value");
        }
    }

    private static XmlRpcFault malformed(String detail) {
        return XmlRpcFault.parseError(detail, null);
    }
}
