package dev.cheeseshop.xmlrpc;

import java.nio.charset.StandardCharsets;

/** The fixed byte sequences of CPython's response layout (see {@link ResponseWriter}). */
final class Wire {
    static final byte[] HEADER = ascii("<?xml version='1.0'?>\n<methodResponse>\n");
    static final byte[] PARAMS_OPEN = ascii("<params>\n<param>\n");
    static final byte[] PARAMS_CLOSE = ascii("</param>\n</params>\n</methodResponse>\n");
    static final byte[] INT_OPEN = ascii("<value><int>");
    static final byte[] INT_CLOSE = ascii("</int></value>\n");
    static final byte[] STRING_OPEN = ascii("<value><string>");
    static final byte[] STRING_CLOSE = ascii("</string></value>\n");
    static final byte[] TRUE = ascii("<value><boolean>1</boolean></value>\n");
    static final byte[] FALSE = ascii("<value><boolean>0</boolean></value>\n");
    static final byte[] NIL = ascii("<value><nil/></value>"); // sic: no newline
    static final byte[] ARRAY_OPEN = ascii("<value><array><data>\n");
    static final byte[] ARRAY_CLOSE = ascii("</data></array></value>\n");
    static final byte[] STRUCT_OPEN = ascii("<value><struct>\n");
    static final byte[] STRUCT_CLOSE = ascii("</struct></value>\n");
    static final byte[] MEMBER_OPEN = ascii("<member>\n<name>");
    static final byte[] NAME_CLOSE = ascii("</name>\n");
    static final byte[] MEMBER_CLOSE = ascii("</member>\n");
    static final byte[] FAULT_OPEN = ascii("<fault>\n<value><struct>\n<member>\n"
            + "<name>faultCode</name>\n<value><int>");
    static final byte[] FAULT_MIDDLE = ascii("</int></value>\n</member>\n<member>\n"
            + "<name>faultString</name>\n<value><string>");
    static final byte[] FAULT_CLOSE = ascii("</string></value>\n</member>\n"
            + "</struct></value>\n</fault>\n</methodResponse>\n");
    static final byte[] DOUBLE_OPEN = ascii("<value><double>");
    static final byte[] DOUBLE_CLOSE = ascii("</double></value>\n");
    static final byte[] DATETIME_OPEN = ascii("<value><dateTime.iso8601>");
    static final byte[] DATETIME_CLOSE = ascii("</dateTime.iso8601></value>\n");
    static final byte[] BASE64_OPEN = ascii("<value><base64>\n");
    static final byte[] BASE64_CLOSE = ascii("</base64></value>\n");
    static final byte[] NEWLINE = ascii("\n");

    private Wire() {
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
