package dev.cheeseshop.metrics;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * What the server counts, called by the HTTP layer where each thing happens. Every label value
 * passed in comes from a closed set (the route patterns, the refusal reasons, the XML-RPC method
 * table), so the number of series is bounded whatever clients send. Implementations are
 * thread-safe and cheap: a request's recording is a few atomic additions.
 */
public interface Metrics {
    /**
     * Why an upload is refused: its credentials ({@code credentials}, {@code throttled} by the
     * failed-login limit, {@code busy}: too many password checks at once), then the step of the
     * upload use case that refused it ({@code upload.UploadProblem.Reason}).
     */
    List<String> UPLOAD_REFUSALS = List.of("credentials", "throttled", "busy", "form", "metadata", "filename",
            "digest", "archive", "too_large", "permission", "duplicate", "gone", "method");
    /** The credentials a failed login presented. */
    List<String> LOGIN_CREDENTIALS = List.of("password", "token", "other");
    /** Why a login failed ({@code auth.Authenticator.Refusal}, in lower case). */
    List<String> LOGIN_REFUSALS = List.of("invalid", "expired", "throttled", "busy");
    /** The rules a proxy policy decides by ({@code proxy.ProxyPolicy.Decision}; {@code proxy.policy.Policy.RULES}). */
    List<String> POLICY_RULES = List.of("default", "allow", "deny", "not-allowed", "min-age", "unknown-age");

    /** Counts nothing and exposes nothing: {@code --metrics off}, commands, tests that need no metrics. */
    Metrics NONE = new Metrics() {
        @Override
        public RouteMeter route(String pattern) {
            return RouteMeter.NONE;
        }

        @Override
        public void uploadAccepted(boolean stored, long bytes) {}

        @Override
        public void uploadRefused(String reason) {}

        @Override
        public void download(String kind, boolean redirected, long bytes) {}

        @Override
        public void xmlrpcCall(String method, boolean fault) {}

        @Override
        public void xmlrpcRateLimited() {}

        @Override
        public void failedLogin(String credential, String reason) {}

        @Override
        public void policyDecision(String rule, boolean allowed) {}

        @Override
        public void policyReload(boolean ok) {}

        @Override
        public String contentType() {
            return "text/plain; charset=utf-8";
        }

        @Override
        public void scrape(OutputStream out) {}
    };

    /** The meter of the route registered as {@code pattern} (the pattern, never a request's path). */
    RouteMeter route(String pattern);

    /** An upload accepted: {@code stored} a new file of {@code bytes}, or found the identical file already there. */
    void uploadAccepted(boolean stored, long bytes);

    /** An upload refused, for {@code reason}: one of {@link #UPLOAD_REFUSALS}. */
    void uploadRefused(String reason);

    /**
     * A download answered: a distribution file or its METADATA ({@code kind}: {@code file},
     * {@code metadata}), sent by this server ({@code bytes} of it) or redirected to the object store.
     */
    void download(String kind, boolean redirected, long bytes);

    /** An XML-RPC call to {@code method} (a name in the method table, or {@code other}), answered with a result or a fault. */
    void xmlrpcCall(String method, boolean fault);

    /** An XML-RPC call refused by the rate limiter. */
    void xmlrpcRateLimited();

    /**
     * Credentials refused: {@code credential} is one of {@link #LOGIN_CREDENTIALS} ({@code other}:
     * a header that is neither a password nor a token), {@code reason} one of {@link #LOGIN_REFUSALS}.
     */
    void failedLogin(String credential, String reason);

    /** A decision of the proxy's policy: the rule that decided (one of {@link #POLICY_RULES}) and whether it allowed. */
    void policyDecision(String rule, boolean allowed);

    /** A reload of the proxy's policy file that read it: the file was valid ({@code ok}) and replaced the policy, or not. */
    void policyReload(boolean ok);

    /** The media type of {@link #scrape}'s output. */
    String contentType();

    /** Writes every metric's current value. */
    void scrape(OutputStream out) throws IOException;
}
