package dev.cheeseshop.proxy.policy;

/**
 * A policy file that cannot be used: unreadable, not TOML, or a key, entry or duration that is
 * wrong. The message is the one line an operator sees ({@code FILE:LINE: what is wrong}, the line
 * when it is known), naming the bad entry but nothing else of the file; there is no stack trace.
 */
public final class PolicyException extends Exception {
    private static final long serialVersionUID = 1L;

    public PolicyException(String message) {
        super(message, null, false, false);
    }
}
