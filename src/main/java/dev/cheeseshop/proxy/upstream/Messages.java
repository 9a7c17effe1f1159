package dev.cheeseshop.proxy.upstream;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import javax.net.ssl.SSLException;

/**
 * The words of the upstream's failures: one line each, naming the host and what happened, never a
 * stack trace, a credential or a URL's query. Messages of the JDK's exceptions are kept (they
 * name no credential: no URL sent holds one) but cut short and stripped of control characters.
 */
final class Messages {
    private static final int MAX_DETAIL = 200;

    private Messages() {}

    /** What a failure of the exchange was, in a few words (its kind found anywhere in its causes). */
    static String describe(Throwable error) {
        if (has(error, HttpConnectTimeoutException.class)) {
            return "no connection within the timeout";
        }
        if (has(error, HttpTimeoutException.class)) {
            return "no answer within the timeout";
        }
        if (has(error, UnknownHostException.class) || has(error, UnresolvedAddressException.class)) {
            return "cannot resolve the host name";
        }
        if (has(error, ConnectException.class)) {
            return "cannot connect" + detail(error);
        }
        if (has(error, SSLException.class)) {
            return "TLS failed" + detail(error);
        }
        String detail = detail(error);
        return detail.isEmpty() ? error.getClass().getSimpleName() : detail.substring(2);
    }

    private static boolean has(Throwable error, Class<? extends Throwable> kind) {
        for (Throwable e = error; e != null; e = e.getCause()) {
            if (kind.isInstance(e)) {
                return true;
            }
        }
        return false;
    }

    /** {@code ": "} and the first message in the chain of causes, or nothing when none has one. */
    private static String detail(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause()) {
            String message = e.getMessage();
            if (message != null && !message.isBlank()) {
                return ": " + clean(message);
            }
        }
        return "";
    }

    /** {@code text} on one line, at most {@value #MAX_DETAIL} characters. */
    static String clean(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_DETAIL));
        for (int i = 0; i < text.length() && out.length() < MAX_DETAIL; i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? ' ' : c);
        }
        if (text.length() > MAX_DETAIL) {
            out.append("...");
        }
        return out.toString().strip();
    }

    /** A duration as people write it: {@code 250 ms}, {@code 10 s}, {@code 1.5 s}. */
    static String duration(long nanos) {
        Duration d = Duration.ofNanos(nanos);
        long millis = d.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + " s";
        }
        return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
