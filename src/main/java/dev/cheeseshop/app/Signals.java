package dev.cheeseshop.app;

import sun.misc.Signal;

/**
 * The signals that ask the server to stop: SIGTERM (what a service manager or an orchestrator
 * sends) and SIGINT (Ctrl-C). Handled here rather than by the JVM's own shutdown, so that the
 * server drains its requests and the command then ends normally, with exit status 0, instead of
 * the 143 of a JVM ended by the signal.
 */
final class Signals {
    private Signals() {}

    /** Runs {@code action} (on a thread of the JVM's, so quickly) when SIGTERM or SIGINT arrives. */
    static void onTerminate(Runnable action) {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), signal -> action.run());
            } catch (IllegalArgumentException e) {
                // not a signal here (or the JVM runs with -Xrs): the shutdown hook stops the server instead
            }
        }
    }

    /** Runs {@code action} when SIGHUP arrives (a policy reload), instead of the JVM's ending. */
    static void onHangUp(Runnable action) {
        try {
            Signal.handle(new Signal("HUP"), signal -> action.run());
        } catch (IllegalArgumentException e) {
            // not a signal here: the policy file is still reloaded when it changes
        }
    }
}
