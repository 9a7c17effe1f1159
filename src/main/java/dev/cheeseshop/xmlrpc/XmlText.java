package dev.cheeseshop.xmlrpc;

/** Text as PyPI passes it through its XML sanitiser before it goes into a response. */
final class XmlText {
    private XmlText() {}

    /**
     * Journal actions: every non-ASCII character becomes a decimal character reference written as
     * text ({@code é} becomes {@code &#233;}, which the XML writer then escapes, so a client
     * decodes the literal text {@code &#233;}), and control characters illegal in XML are dropped.
     */
    static String sanitizeAction(String action) {
        StringBuilder out = null;
        for (int i = 0; i < action.length(); ) {
            int cp = action.codePointAt(i);
            int width = Character.charCount(cp);
            boolean plain = cp < 0x80 && !illegalControl(cp);
            if (!plain && out == null) {
                out = new StringBuilder(action.length() + 16).append(action, 0, i);
            }
            if (out != null) {
                if (cp >= 0x80) {
                    out.append("&#").append(cp).append(';');
                } else if (!illegalControl(cp)) {
                    out.appendCodePoint(cp);
                }
            }
            i += width;
        }
        return out == null ? action : out.toString();
    }

    private static boolean illegalControl(int cp) {
        return (cp <= 0x08) || cp == 0x0b || cp == 0x0c || (cp >= 0x0e && cp <= 0x1f) || cp == 0x7f;
    }
}
