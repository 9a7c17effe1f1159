package dev.cheeseshop.index;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code <author>} of an RSS item as pypi.org makes it: the addresses in the release's
 * {@code Author-email}, comma-joined, or nothing when any of them lacks an {@code @} (an empty or
 * malformed field included). Addresses are read as Python's {@code email.utils.getaddresses}
 * reads them in its strict mode (the default since the 2024 security releases): the RFC 2822
 * address-list parser of {@code email._parseaddr}, then the strict checks (balanced comments, no
 * {@code [} left in an address, as many addresses as commas outside quoted names plus one).
 * {@code AuthorEmailsTest} holds cases answered by CPython itself.
 */
public final class AuthorEmails {
    private static final String SPECIALS = "()<>@,:;.\"[]";
    private static final String LWS = " \t";
    private static final String CR = "\r\n";
    private static final String ATOM_ENDS = SPECIALS + LWS + CR;
    private static final String PHRASE_ENDS = ATOM_ENDS.replace(".", "");

    private final String field;
    private int pos;

    private AuthorEmails(String field) {
        this.field = field;
    }

    /** The addresses of {@code authorEmail}, comma-joined, or empty when pypi.org would omit the author. */
    public static Optional<String> format(String authorEmail) {
        String value = authorEmail == null ? "" : authorEmail;
        if (!balancedComments(value)) {
            return Optional.empty();
        }
        List<String> addresses = value.isEmpty() ? List.of() : new AuthorEmails(value).addressList();
        String unquoted = stripQuotedNames(value);
        long expected = 1 + unquoted.chars().filter(c -> c == ',').count();
        if (addresses.size() != expected) {
            return Optional.empty();
        }
        for (String address : addresses) {
            if (address.contains("[") || !address.contains("@")) {
                return Optional.empty();
            }
        }
        return Optional.of(String.join(", ", addresses));
    }

    private List<String> addressList() {
        List<String> result = new ArrayList<>();
        while (pos < field.length()) {
            List<String> one = address();
            if (one.isEmpty()) {
                result.add("");
            } else {
                result.addAll(one);
            }
        }
        return result;
    }

    private List<String> address() {
        skipSpaceAndComments();
        int start = pos;
        List<String> phrases = phraseList();
        skipSpaceAndComments();
        List<String> found = new ArrayList<>();
        if (pos >= field.length()) {
            if (!phrases.isEmpty()) {
                found.add(phrases.get(0));
            }
        } else if (".@".indexOf(at()) >= 0) {
            pos = start;
            found.add(addrSpec());
        } else if (at() == ':') {
            pos++;
            while (pos < field.length()) {
                skipSpaceAndComments();
                if (pos < field.length() && at() == ';') {
                    pos++;
                    break;
                }
                found.addAll(address());
            }
        } else if (at() == '<') {
            found.add(routeAddr());
        } else if (!phrases.isEmpty()) {
            found.add(phrases.get(0));
        } else if (SPECIALS.indexOf(at()) >= 0) {
            pos++;
        }
        skipSpaceAndComments();
        if (pos < field.length() && at() == ',') {
            pos++;
        }
        return found;
    }

    private String routeAddr() {
        boolean expectRoute = false;
        pos++;
        skipSpaceAndComments();
        String address = "";
        while (pos < field.length()) {
            if (expectRoute) {
                domain();
                expectRoute = false;
            } else if (at() == '>') {
                pos++;
                break;
            } else if (at() == '@') {
                pos++;
                expectRoute = true;
            } else if (at() == ':') {
                pos++;
            } else {
                address = addrSpec();
                pos++;
                break;
            }
            skipSpaceAndComments();
        }
        return address;
    }

    private String addrSpec() {
        List<String> parts = new ArrayList<>();
        skipSpaceAndComments();
        while (pos < field.length()) {
            boolean keepSpace = true;
            char c = at();
            if (c == '.') {
                dropTrailingSpace(parts);
                parts.add(".");
                pos++;
                keepSpace = false;
            } else if (c == '"') {
                parts.add('"' + delimited('"', "\"\r", false).replace("\\", "\\\\").replace("\"", "\\\"") + '"');
            } else if (ATOM_ENDS.indexOf(c) >= 0) {
                dropTrailingSpace(parts);
                break;
            } else {
                parts.add(atom(ATOM_ENDS));
            }
            String space = skipSpaceAndComments();
            if (keepSpace && !space.isEmpty()) {
                parts.add(space);
            }
        }
        String local = String.join("", parts);
        if (pos >= field.length() || at() != '@') {
            return local;
        }
        pos++;
        skipSpaceAndComments();
        String domain = domain();
        return domain.isEmpty() ? "" : local + "@" + domain;
    }

    private String domain() {
        StringBuilder out = new StringBuilder();
        while (pos < field.length()) {
            char c = at();
            if (LWS.indexOf(c) >= 0) {
                pos++;
            } else if (c == '(') {
                delimited('(', ")\r", true);
            } else if (c == '[') {
                out.append('[').append(delimited('[', "]\r", false)).append(']');
            } else if (c == '.') {
                pos++;
                out.append('.');
            } else if (c == '@') {
                return "";
            } else if (ATOM_ENDS.indexOf(c) >= 0) {
                break;
            } else {
                out.append(atom(ATOM_ENDS));
            }
        }
        return out.toString();
    }

    private List<String> phraseList() {
        List<String> phrases = new ArrayList<>();
        while (pos < field.length()) {
            char c = at();
            if ((LWS + CR).indexOf(c) >= 0) {
                pos++;
            } else if (c == '"') {
                phrases.add(delimited('"', "\"\r", false));
            } else if (c == '(') {
                delimited('(', ")\r", true);
            } else if (PHRASE_ENDS.indexOf(c) >= 0) {
                break;
            } else {
                phrases.add(atom(PHRASE_ENDS));
            }
        }
        return phrases;
    }

    private String atom(String ends) {
        int start = pos;
        while (pos < field.length() && ends.indexOf(at()) < 0) {
            pos++;
        }
        return field.substring(start, pos);
    }

    /** A fragment from {@code begin} to one of {@code ends}, backslash escapes resolved, comments nested when allowed. */
    private String delimited(char begin, String ends, boolean comments) {
        if (at() != begin) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        boolean quoted = false;
        pos++;
        while (pos < field.length()) {
            char c = at();
            if (quoted) {
                out.append(c);
                quoted = false;
            } else if (ends.indexOf(c) >= 0) {
                pos++;
                break;
            } else if (comments && c == '(') {
                out.append(delimited('(', ")\r", true));
                continue;
            } else if (c == '\\') {
                quoted = true;
            } else {
                out.append(c);
            }
            pos++;
        }
        return out.toString();
    }

    /** Skips white space and comments; answers the spaces and tabs skipped. */
    private String skipSpaceAndComments() {
        StringBuilder space = new StringBuilder();
        while (pos < field.length()) {
            char c = at();
            if ((LWS + "\n\r").indexOf(c) >= 0) {
                if (c != '\n' && c != '\r') {
                    space.append(c);
                }
                pos++;
            } else if (c == '(') {
                delimited('(', ")\r", true);
            } else {
                break;
            }
        }
        return space.toString();
    }

    private static void dropTrailingSpace(List<String> parts) {
        if (!parts.isEmpty() && parts.get(parts.size() - 1).strip().isEmpty()) {
            parts.remove(parts.size() - 1);
        }
    }

    private char at() {
        return field.charAt(pos);
    }

    /** Python's strict pre-check: comments outside quoted names open and close in order. */
    private static boolean balancedComments(String value) {
        String unquoted = stripQuotedNames(value);
        int open = 0;
        for (int i = 0; i < unquoted.length(); i++) {
            char c = unquoted.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '(') {
                open++;
            } else if (c == ')' && --open < 0) {
                return false;
            }
        }
        return open == 0;
    }

    /** The value without its double-quoted parts (backslash escapes respected), as Python strips quoted names. */
    private static String stripQuotedNames(String value) {
        if (value.indexOf('"') < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder();
        int start = 0;
        int open = -1;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                if (open < 0) {
                    open = i;
                } else {
                    out.append(value, start, open);
                    start = i + 1;
                    open = -1;
                }
            }
        }
        if (start < value.length()) {
            out.append(value, start, value.length());
        }
        return out.toString();
    }
}
