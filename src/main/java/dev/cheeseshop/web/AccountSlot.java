package dev.cheeseshop.web;

import java.nio.charset.StandardCharsets;

/**
 * The one part of a cached page that is not the same for everyone: the header's account links.
 * A page is cached as an anonymous visitor sees it ("Log in"); for a signed-in user the links
 * inside {@code <nav ... data-account>} are replaced, at serving time, by theirs (with the logout
 * form's CSRF token), a copy of the page's bytes around them. The marker is written by the layout
 * template only; a description cannot forge it, since the sanitiser drops {@code data-} attributes
 * and the slot taken is the first.
 */
public final class AccountSlot {
    private static final byte[] OPEN = "data-account>".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLOSE = "</nav>".getBytes(StandardCharsets.US_ASCII);

    private AccountSlot() {}

    /** {@code page} with the account slot's contents replaced by {@code links}; the page itself when it has no slot. */
    public static byte[] fill(byte[] page, byte[] links) {
        int open = indexOf(page, OPEN, 0);
        if (open < 0) {
            return page;
        }
        int start = open + OPEN.length;
        int end = indexOf(page, CLOSE, start);
        if (end < 0) {
            return page;
        }
        byte[] out = new byte[start + links.length + (page.length - end)];
        System.arraycopy(page, 0, out, 0, start);
        System.arraycopy(links, 0, out, start, links.length);
        System.arraycopy(page, end, out, start + links.length, page.length - end);
        return out;
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
