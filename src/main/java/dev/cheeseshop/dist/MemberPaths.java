package dev.cheeseshop.dist;

import java.util.ArrayList;
import java.util.List;

/**
 * Safety rules and normalisation for member names. A member name is refused when it is empty,
 * absolute ({@code /x}, or a drive like {@code C:}), contains a backslash, a control character
 * or a {@code ..} segment: none appear in a sound distribution, and each can make an extractor
 * write outside its target directory.
 */
final class MemberPaths {
    private MemberPaths() {
    }

    /** Refuses an unsafe name (see the class comment). */
    static void check(String name) throws DistProblem {
        if (!isSafe(name)) {
            throw DistProblem.of(DistProblem.Kind.UNSAFE_MEMBER_PATH, PyRepr.of(name));
        }
    }

    static boolean isSafe(String name) {
        if (name.isEmpty() || name.startsWith("/") || name.indexOf('\\') >= 0) {
            return false;
        }
        if (name.length() >= 2 && name.charAt(1) == ':' && isAsciiLetter(name.charAt(0))) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return false;
            }
        }
        for (String segment : name.split("/", -1)) {
            if (segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    /**
     * The name without empty and {@code .} segments, as Python's {@code os.path.commonpath}
     * sees it: {@code ./foo-1.0//PKG-INFO} becomes {@code foo-1.0/PKG-INFO}, {@code ./} becomes
     * the empty string.
     */
    static String normalize(String name) {
        List<String> kept = new ArrayList<>();
        for (String segment : name.split("/", -1)) {
            if (!segment.isEmpty() && !segment.equals(".")) {
                kept.add(segment);
            }
        }
        return String.join("/", kept);
    }

    /** The first segment of a normalised name. */
    static String topLevel(String normalized) {
        int slash = normalized.indexOf('/');
        return slash < 0 ? normalized : normalized.substring(0, slash);
    }

    /**
     * Whether a link stays inside the archive. A symbolic link's target is relative to the
     * link's directory; a hard link's target is a member name.
     */
    static boolean linkStaysInside(String linkName, String target, boolean symbolic) {
        if (target.isEmpty() || target.startsWith("/") || target.indexOf('\\') >= 0) {
            return false;
        }
        if (target.length() >= 2 && target.charAt(1) == ':' && isAsciiLetter(target.charAt(0))) {
            return false;
        }
        List<String> path = new ArrayList<>();
        if (symbolic) {
            String dir = normalize(linkName);
            int slash = dir.lastIndexOf('/');
            if (slash > 0) {
                path.addAll(List.of(dir.substring(0, slash).split("/")));
            }
        }
        for (String segment : target.split("/", -1)) {
            if (segment.equals("..")) {
                if (path.isEmpty()) {
                    return false;
                }
                path.remove(path.size() - 1);
            } else if (!segment.isEmpty() && !segment.equals(".")) {
                path.add(segment);
            }
        }
        return true;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
