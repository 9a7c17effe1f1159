package dev.cheeseshop.app;

import dev.cheeseshop.auth.WebSessions;
import dev.cheeseshop.index.PublicUrl;
import dev.cheeseshop.metrics.Exposure;
import dev.cheeseshop.xmlrpc.RateLimit;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code serve}: run the index until SIGTERM (or Ctrl-C), then stop gracefully and exit with status 0. */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Run the package index server.")
final class ServeCommand implements Runnable {
    @Mixin
    DataOption data;

    @Mixin
    UpstreamOptions upstream;

    @Option(names = "--host", paramLabel = "H", defaultValue = "${env:CHEESESHOP_HOST:-127.0.0.1}",
            description = "Address to listen on (env CHEESESHOP_HOST; default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", paramLabel = "P", defaultValue = "${env:CHEESESHOP_PORT:-8080}",
            description = "Port to listen on; 0 picks a free one (env CHEESESHOP_PORT; default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--max-upload-size", paramLabel = "SIZE", defaultValue = "${env:CHEESESHOP_MAX_UPLOAD_SIZE:-100MiB}",
            converter = ByteSize.class,
            description = "Largest distribution file accepted, e.g. 100MiB or 1GiB (env CHEESESHOP_MAX_UPLOAD_SIZE; "
                    + "default ${DEFAULT-VALUE}).")
    long maxUploadSize;

    @Option(names = "--cache-size", paramLabel = "SIZE", defaultValue = "${env:CHEESESHOP_CACHE_SIZE:-64MiB}",
            converter = ByteSize.class,
            description = "Memory for rendered pages kept between requests, e.g. 64MiB (env CHEESESHOP_CACHE_SIZE; "
                    + "default ${DEFAULT-VALUE}).")
    long cacheSize;

    @Option(names = "--xmlrpc-rate-limit", paramLabel = "LIMIT",
            defaultValue = "${env:CHEESESHOP_XMLRPC_RATE_LIMIT:-off}",
            description = "XML-RPC calls allowed per client address, as N/second, N/minute, N/hour or N/day"
                    + " (PyPI uses 3600/hour), or off (env CHEESESHOP_XMLRPC_RATE_LIMIT; default ${DEFAULT-VALUE}).")
    String xmlrpcRateLimit;

    @Option(names = "--login-rate-limit", paramLabel = "LIMIT",
            defaultValue = "${env:CHEESESHOP_LOGIN_RATE_LIMIT:-" + Settings.DEFAULT_LOGIN_RATE_LIMIT + "}",
            description = "Failed logins allowed per client address and per username, as N/second, N/minute,"
                    + " N/hour or N/day; beyond it, logins are answered 429 until the window closes; or off"
                    + " (env CHEESESHOP_LOGIN_RATE_LIMIT; default ${DEFAULT-VALUE}).")
    String loginRateLimit;

    @Option(names = "--public-url", paramLabel = "URL", defaultValue = "${env:CHEESESHOP_PUBLIC_URL}",
            description = "The address clients reach the index at, the base of absolute links (RSS feeds, JSON API), "
                    + "e.g. https://pypi.example.org/ (env CHEESESHOP_PUBLIC_URL; default: http://HOST:PORT/ as "
                    + "served for RSS, the request's Host for the JSON API).")
    String publicUrl;

    @Option(names = "--blob-redirect", defaultValue = "${env:CHEESESHOP_BLOB_REDIRECT:-false}",
            description = "Answer file downloads with a 302 to a presigned URL, valid 5 minutes, instead of streaming"
                    + " them through the server (S3 only; env CHEESESHOP_BLOB_REDIRECT).")
    boolean blobRedirect;

    @Option(names = "--download-counts", paramLabel = "on|off", defaultValue = "${env:CHEESESHOP_DOWNLOAD_COUNTS:-on}",
            description = "Count downloads per file and day, shown in the JSON API and /api/v1, or off"
                    + " (env CHEESESHOP_DOWNLOAD_COUNTS; default ${DEFAULT-VALUE}).")
    OnOff downloadCounts;

    /** An option that is on or off, spelled so. */
    enum OnOff { on, off }

    @Option(names = "--metrics", paramLabel = "WHO", defaultValue = "${env:CHEESESHOP_METRICS:-admin}",
            description = "Who may read GET /metrics (Prometheus): admin (administrators, by password or API token),"
                    + " public (anyone) or off (404, nothing counted) (env CHEESESHOP_METRICS; default"
                    + " ${DEFAULT-VALUE}).")
    String metrics;

    @Option(names = "--shutdown-timeout", paramLabel = "DURATION",
            defaultValue = "${env:CHEESESHOP_SHUTDOWN_TIMEOUT:-30s}", converter = TimeSpan.class,
            description = "On SIGTERM, how long requests in flight (uploads included) may take to finish, e.g. 30s"
                    + " or 2m, before their connections are closed (env CHEESESHOP_SHUTDOWN_TIMEOUT; default"
                    + " ${DEFAULT-VALUE}).")
    Duration shutdownTimeout;

    @Option(names = "--session-idle", paramLabel = "DURATION",
            defaultValue = "${env:CHEESESHOP_SESSION_IDLE:-12h}", converter = TimeSpan.class,
            description = "How long a browser login lasts unused before it ends, e.g. 30m or 12h"
                    + " (env CHEESESHOP_SESSION_IDLE; default ${DEFAULT-VALUE}).")
    Duration sessionIdle;

    @Option(names = "--session-lifetime", paramLabel = "DURATION",
            defaultValue = "${env:CHEESESHOP_SESSION_LIFETIME:-7d}", converter = TimeSpan.class,
            description = "How long a browser login lasts at most, however much it is used, e.g. 1d or 7d; at least"
                    + " --session-idle (env CHEESESHOP_SESSION_LIFETIME; default ${DEFAULT-VALUE}).")
    Duration sessionLifetime;

    @Option(names = "--log-format", paramLabel = "FORMAT", defaultValue = "${env:CHEESESHOP_LOG_FORMAT:-combined}",
            description = "combined: log lines for people and an access log in the combined log format; json: every"
                    + " line a JSON object (env CHEESESHOP_LOG_FORMAT; default ${DEFAULT-VALUE}).")
    LogFormat logFormat;

    @Override
    public void run() {
        logFormat.apply();
        if (port < 0 || port > 65535) {
            throw new CommandFailure("invalid port " + port + ": use 0 to 65535");
        }
        Optional<RateLimit> rateLimit;
        try {
            rateLimit = RateLimit.parse(xmlrpcRateLimit);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure("invalid --xmlrpc-rate-limit: " + e.getMessage());
        }
        Optional<RateLimit> loginLimit;
        try {
            loginLimit = RateLimit.parse(loginRateLimit);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure("invalid --login-rate-limit: " + e.getMessage());
        }
        Settings settings = new Settings(data.data, host, port, maxUploadSize).withXmlrpcRateLimit(rateLimit)
                .withCacheSize(cacheSize).withLoginRateLimit(loginLimit);
        settings = settings.withDownloads(new Settings.Downloads(downloadCounts == OnOff.on,
                Settings.Downloads.DEFAULT.flushEvery()));
        try {
            settings = settings.withMetrics(Exposure.parse(metrics));
        } catch (IllegalArgumentException e) {
            throw new CommandFailure("invalid --metrics: " + e.getMessage());
        }
        if (publicUrl != null && !publicUrl.isBlank()) {
            try {
                settings = settings.withPublicUrl(PublicUrl.parse(publicUrl.strip()));
            } catch (IllegalArgumentException e) {
                throw new CommandFailure("invalid --public-url '" + publicUrl.replaceAll("\\p{Cntrl}", "?") + "': "
                        + e.getMessage());
            }
        }
        try {
            settings = settings.withSessions(new WebSessions.Lifetimes(sessionIdle, sessionLifetime));
        } catch (IllegalArgumentException e) {
            throw new CommandFailure("invalid --session-idle or --session-lifetime: " + e.getMessage());
        }
        settings = settings.withUpstream(upstream.settings());
        BlobSettings blobs = data.blobs.settings();
        if (blobRedirect) {
            try {
                blobs = new BlobSettings(blobs.s3(), true);
            } catch (IllegalArgumentException e) {
                throw new CommandFailure(e.getMessage());
            }
        }
        CountDownLatch terminate = new CountDownLatch(1);
        MetadataDatabase database = data.database.resolve(data.data);
        try (Application app = Application.forServer(settings, database, blobs)) {
            app.start();
            // SIGTERM (and Ctrl-C) stop the server gracefully here, and the command ends with status 0;
            // any other end of the JVM (SIGHUP, ...) still stops it gracefully, in the shutdown hook.
            Signals.onTerminate(terminate::countDown);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> app.stop(shutdownTimeout), "shutdown"));
            System.out.println("Cheeseshop is serving " + app.uri() + " (" + data.where() + ")");
            System.out.flush();
            terminate.await();
            app.readiness().stopping();
            System.out.println("Cheeseshop is stopping: requests in flight have up to " + shutdownTimeout.toMillis()
                    + " ms to finish");
            System.out.flush();
            app.stop(shutdownTimeout);
            LoggerFactory.getLogger(ServeCommand.class).info("stopped");
        } catch (Exception e) {
            if (e instanceof CommandFailure failure) {
                throw failure;
            }
            throw new CommandFailure("cannot serve: " + e.getMessage());
        }
    }
}
