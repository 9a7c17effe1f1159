package dev.cheeseshop.dist;

/**
 * Python's {@code repr()} of a {@code str}, so messages that quote a value with {@code !r} in
 * PyPI or packaging read the same here ({@code 'foo-1.0'}, {@code "it's"}, {@code 'a\nb'}).
 */
final class PyRepr {
    private PyRepr() {
    }

    static String of(String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder out = new StringBuilder(s.length() + 2).append(quote);
        s.codePoints().forEach(cp -> {
            if (cp == quote || cp == '\\') {
                out.append('\\').appendCodePoint(cp);
            } else if (cp == '\t') {
                out.append("\\t");
            } else if (cp == '\n') {
                out.append("\\n");
            } else if (cp == '\r') {
                out.append("\\r");
            } else if (cp < 0x20 || cp == 0x7f) {
                out.append("\\x%02x".formatted(cp));
            } else if (cp < 0x7f || isPrintable(cp)) {
                out.appendCodePoint(cp);
            } else if (cp <= 0xff) {
                out.append("\\x%02x".formatted(cp));
            } else if (cp <= 0xffff) {
                out.append("\\u%04x".formatted(cp));
            } else {
                out.append("\\U%08x".formatted(cp));
            }
        });
        return out.append(quote).toString();
    }

    /** Python's {@code str.isprintable()} for one non-ASCII code point. */
    private static boolean isPrintable(int cp) {
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                    Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SPACE_SEPARATOR -> false;
            default -> true;
        };
    }
}
