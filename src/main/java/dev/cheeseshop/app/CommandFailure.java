package dev.cheeseshop.app;

/** A command refused what it was asked: the message is the one line the user sees. */
final class CommandFailure extends RuntimeException {
    CommandFailure(String message) {
        super(message, null, false, false);
    }
}
