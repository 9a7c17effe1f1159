package dev.cheeseshop.proxy.upstream;

import java.io.IOException;

/** A body that is not the Simple API page or index it should be; the message says why, in a few words. */
final class UnreadablePage extends IOException {
    private static final long serialVersionUID = 1L;

    UnreadablePage(String message) {
        super(message);
    }
}
