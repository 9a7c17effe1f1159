package dev.cheeseshop.proxy;

/**
 * The upstream could not give an answer: it could not be reached, did not answer within the
 * timeout, answered 5xx (or any status other than 200, 304 and 404), or sent a page or file that
 * could not be read. The message says which, for logs and for the 404 a never-seen project gets;
 * it names the upstream's host but never a credential. Never cached.
 */
public final class UpstreamUnavailable extends Exception {
    private static final long serialVersionUID = 1L;

    public UpstreamUnavailable(String message) {
        super(message);
    }

    public UpstreamUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
