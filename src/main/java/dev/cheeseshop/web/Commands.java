package dev.cheeseshop.web;

import java.util.Locale;

/**
 * The commands a page shows for this index, with its own URLs in them, each already quoted for
 * where it goes: one shell word (quoted only when the shell would read a character of it), a
 * TOML basic string. The pages escape them again for HTML, as they escape everything.
 */
public record Commands(String simple, String simpleShell, String simpleToml, String legacyShell) {
    /** The commands for an index whose URLs start at {@code base} (no trailing slash). */
    public static Commands of(String base) {
        String simple = base + "/simple/";
        String legacy = base + "/legacy/";
        return new Commands(simple, shellWord(simple), tomlString(simple), shellWord(legacy));
    }

    /** {@code pip install} of one project ({@code requirement}: a name, or {@code name==version}) from this index. */
    public String pipInstall(String requirement) {
        return "pip install --index-url " + simpleShell + " " + shellWord(requirement);
    }

    /**
     * One word for a POSIX shell: as it is when every character is one the shell takes literally
     * anywhere in a word (an assignment's value included, so not {@code ~}), otherwise in single
     * quotes (a quote inside as {@code '\''}). A URL may hold {@code &}, {@code ;}, {@code $},
     * {@code (} or {@code '}.
     */
    public static String shellWord(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-_./:@%+=,".indexOf(c) >= 0;
            if (!plain) {
                return "'" + text.replace("'", "'\\''") + "'";
            }
        }
        return text;
    }

    /** A TOML basic string. */
    public static String tomlString(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                out.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
