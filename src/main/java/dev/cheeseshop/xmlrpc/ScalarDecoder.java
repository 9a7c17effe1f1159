package dev.cheeseshop.xmlrpc;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;

/**
 * Turns the text of a scalar XML-RPC element into a Java value with the same acceptance rules as
 * CPython's {@code xmlrpc.client.Unmarshaller}: {@code int()} for the integer tags,
 * {@code float()} for {@code double}/{@code float}, {@code Decimal()} for {@code bigdecimal},
 * {@code base64.decodebytes} for {@code base64}, exactly {@code 0}/{@code 1} for
 * {@code boolean}. Rejections are signalled with {@link IllegalArgumentException}.
 */
final class ScalarDecoder {
    /** CPython's default {@code sys.get_int_max_str_digits()}: longer int texts are refused. */
    static final int MAX_INT_DIGITS = 4300;

    private ScalarDecoder() {
    }

    /** True for the tags this decoder handles (everything but value/array/struct). */
    static boolean isScalarTag(String tag) {
        return switch (tag) {
            case "int", "i1", "i2", "i4", "i8", "biginteger", "boolean", "string", "double",
                 "float", "bigdecimal", "nil", "base64", "dateTime.iso8601" -> true;
            default -> false;
        };
    }

    /** Decodes {@code text} for a scalar {@code tag}; {@code nil} gives null. */
    static Object decode(String tag, String text) {
        return switch (tag) {
            case "int", "i1", "i2", "i4", "i8", "biginteger" -> parseInt(text);
            case "boolean" -> switch (text) {
                case "0" -> Boolean.FALSE;
                case "1" -> Boolean.TRUE;
                default -> throw new IllegalArgumentException("bad boolean value");
            };
            case "string" -> text;
            case "double", "float" -> parseDouble(text);
            case "bigdecimal" -> parseDecimal(text);
            case "nil" -> null;
            case "base64" -> decodeBase64(text);
            case "dateTime.iso8601" -> new XmlRpcDateTime(pythonStrip(text));
            default -> throw new IllegalArgumentException("unknown tag " + tag);
        };
    }

    /** Python {@code int(text)}: whitespace, sign, digits with single underscores between. */
    static Object parseInt(String text) {
        String s = pythonNumber(text);
        int start = (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) ? 1 : 0;
        if (digitRun(s, start) != s.length()) {
            throw new IllegalArgumentException("invalid literal for int()");
        }
        String digits = s.indexOf('_') < 0 ? s : s.replace("_", "");
        if (digits.length() - start > MAX_INT_DIGITS) {
            throw new IllegalArgumentException("exceeds the limit for integer string conversion");
        }
        if (digits.length() - start <= 18) {
            return Long.parseLong(digits);
        }
        BigInteger value = new BigInteger(digits);
        return value.bitLength() < 64 ? (Object) value.longValue() : value;
    }

    /** Python {@code float(text)}: decimal literal, {@code inf}, {@code infinity}, {@code nan}. */
    static Double parseDouble(String text) {
        String s = pythonNumber(text);
        Double special = special(s);
        if (special != null) {
            return special;
        }
        requireDecimalLiteral(s);
        return Double.parseDouble(s.replace("_", ""));
    }

    /** Python {@code Decimal(text)}: a BigDecimal, or a Double for infinities and NaNs. */
    static Object parseDecimal(String text) {
        String s = pythonNumber(text);
        String lower = s.toLowerCase(Locale.ROOT);
        boolean negative = lower.startsWith("-");
        String unsigned = negative || lower.startsWith("+") ? lower.substring(1) : lower;
        if (unsigned.equals("inf") || unsigned.equals("infinity")) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        String nan = unsigned.startsWith("nan") ? unsigned.substring(3)
                : unsigned.startsWith("snan") ? unsigned.substring(4) : null;
        if (nan != null) {
            if (!nan.isEmpty() && digitRun(nan, 0) != nan.length()) {
                throw new IllegalArgumentException("invalid Decimal");
            }
            return Double.NaN;
        }
        requireDecimalLiteral(s);
        return new BigDecimal(s.replace("_", "")); // NumberFormatException: exponent overflow
    }

    private static Double special(String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        boolean negative = lower.startsWith("-");
        String unsigned = negative || lower.startsWith("+") ? lower.substring(1) : lower;
        return switch (unsigned) {
            case "inf", "infinity" -> negative ? Double.NEGATIVE_INFINITY
                    : Double.POSITIVE_INFINITY;
            case "nan" -> Double.NaN;
            default -> null;
        };
    }

    /** [sign] (digits [. [digits]] | . digits) [(e|E) [sign] digits], digits with underscores. */
    private static void requireDecimalLiteral(String s) {
        int n = s.length();
        int i = (n > 0 && (s.charAt(0) == '+' || s.charAt(0) == '-')) ? 1 : 0;
        int end = digitRun(s, i);
        boolean whole = end > i;
        i = end;
        boolean fraction = false;
        if (i < n && s.charAt(i) == '.') {
            end = digitRun(s, i + 1);
            fraction = end > i + 1;
            i = end;
        }
        if (!whole && !fraction) {
            throw new IllegalArgumentException("invalid number");
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            end = digitRun(s, i);
            if (end == i) {
                throw new IllegalArgumentException("invalid exponent");
            }
            i = end;
        }
        if (i != n) {
            throw new IllegalArgumentException("invalid number");
        }
    }

    /** End of the run {@code digit (_? digit)*} starting at {@code i}; {@code i} if none. */
    private static int digitRun(String s, int i) {
        int n = s.length();
        if (i >= n || !isAsciiDigit(s.charAt(i))) {
            return i;
        }
        i++;
        while (i < n) {
            char c = s.charAt(i);
            if (isAsciiDigit(c)) {
                i++;
            } else if (c == '_' && i + 1 < n && isAsciiDigit(s.charAt(i + 1))) {
                i += 2;
            } else {
                break;
            }
        }
        return i;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Python's {@code str.strip()}: removes leading and trailing whitespace. */
    static String pythonStrip(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isPythonSpace(text.charAt(start))) {
            start++;
        }
        while (end > start && isPythonSpace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    /**
     * What CPython's number parsers see: stripped text in which every Unicode decimal digit has
     * become its ASCII digit.
     */
    static String pythonNumber(String text) {
        String s = pythonStrip(text);
        StringBuilder out = null;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (cp >= 0x80 && Character.isDigit(cp)) {
                if (out == null) {
                    out = new StringBuilder(s.length()).append(s, 0, i);
                }
                out.append((char) ('0' + Character.digit(cp, 10)));
            } else if (out != null) {
                out.appendCodePoint(cp);
            }
            i += Character.charCount(cp);
        }
        return out != null ? out.toString() : s;
    }

    /** Python's {@code str.isspace()} for one char. */
    static boolean isPythonSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
    }

    /** {@code base64.decodebytes}: non-alphabet characters skipped, padding ends the data. */
    static byte[] decodeBase64(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() * 3 / 4 + 3);
        int quad = 0;
        int left = 0;
        int pads = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                throw new IllegalArgumentException("non-ASCII base64");
            }
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '=') {
                if (quad >= 2 && quad + ++pads >= 4) {
                    return out.toByteArray();
                }
                continue;
            }
            int v = base64Value(c);
            if (v < 0) {
                continue;
            }
            pads = 0;
            switch (quad) {
                case 0 -> left = v;
                case 1 -> {
                    out.write((left << 2) | (v >> 4));
                    left = v & 0x0f;
                }
                case 2 -> {
                    out.write((left << 4) | (v >> 2));
                    left = v & 0x03;
                }
                default -> out.write((left << 6) | v);
            }
            quad = (quad + 1) & 3;
        }
        if (quad != 0) {
            throw new IllegalArgumentException("incorrect base64 padding");
        }
        return out.toByteArray();
    }

    private static int base64Value(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        } else if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        } else if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        } else if (c == '+') {
            return 62;
        } else if (c == '/') {
            return 63;
        }
        return -1;
    }
}
