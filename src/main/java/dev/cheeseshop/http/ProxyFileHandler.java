package dev.cheeseshop.http;

import dev.cheeseshop.proxy.FileAnswer;
import dev.cheeseshop.proxy.FileFetch;
import dev.cheeseshop.proxy.ProxyFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;

/**
 * Upstream files under {@code /packages/upstream/<project>/<filename>} (and their
 * {@code .metadata}): served as local files are (strong ETag from the sha256 the upstream's page
 * gave, a long cache lifetime, conditional GET, HEAD, byte ranges) once kept; while a file is on its
 * way from the upstream every client follows the one fetch, as a plain 200 (a range is not
 * honoured until the file is kept). An upstream that cannot be reached for a file not kept is a
 * 502 with a message; a file the proxy does not serve is a 404, with the policy's
 * {@code X-Cheeseshop-Policy} line when the policy hid it.
 */
final class ProxyFileHandler {
    static final String PREFIX = "upstream/";

    private final ProxyFiles files;

    ProxyFileHandler(ProxyFiles files) {
        this.files = files;
    }

    /** Answers {@code path} ({@code upstream/<project>/<filename>}). */
    void serve(Exchange exchange, String path) throws IOException {
        String rest = path.substring(PREFIX.length());
        int slash = rest.indexOf('/');
        if (slash <= 0 || slash == rest.length() - 1 || rest.indexOf('/', slash + 1) >= 0) {
            exchange.sendText(404, "404 Not Found");
            return;
        }
        String project = rest.substring(0, slash);
        String name = rest.substring(slash + 1);
        FileAnswer answer = files.file(project, name);
        if (answer instanceof FileAnswer.Missing missing) {
            if (!missing.policy().isEmpty()) {
                exchange.header(ProxyPageHandler.POLICY_HEADER, missing.policy());
            }
            exchange.sendText(404, missing.message());
        } else if (answer instanceof FileAnswer.Unavailable unavailable) {
            exchange.sendText(502, unavailable.message());
        } else if (answer instanceof FileAnswer.Kept kept) {
            FileResponses.blob(exchange, kept.blob(), '"' + kept.sha256() + '"', null, kept.contentType(),
                    kind(kept.download()));
        } else {
            follow(exchange, (FileAnswer.Fetching) answer, project, name);
        }
    }

    private void follow(Exchange exchange, FileAnswer.Fetching fetching, String project, String name)
            throws IOException {
        String etag = '"' + fetching.sha256() + '"';
        FileResponses.immutable(exchange, etag);
        if (Conditional.matches(exchange.header("If-None-Match"), etag)) {
            exchange.sendEmpty(304);
            return;
        }
        Optional<FileFetch.Follower> joined = fetching.fetch().join();
        if (joined.isEmpty()) {
            // The fetch ended before this client joined it: kept by now, or failed.
            FileAnswer again = files.file(project, name);
            if (again instanceof FileAnswer.Kept kept) {
                FileResponses.blob(exchange, kept.blob(), etag, null, kept.contentType(), kind(kept.download()));
            } else {
                exchange.sendText(502, unreachable(fetching.fetch().failure()));
            }
            return;
        }
        try (FileFetch.Follower follower = joined.get()) {
            IOException failure = follower.awaitStart();
            if (failure != null) {
                exchange.sendText(502, unreachable(failure));
                return;
            }
            fetching.length().ifPresent(n -> exchange.header("Content-Length", Long.toString(n)));
            OutputStream out = exchange.stream(200, fetching.contentType());
            if (exchange.isHead()) {
                return;
            }
            CountingStream counted = new CountingStream(out);
            follower.copyTo(counted);
            exchange.metrics().download(kind(fetching.download()), false, counted.count);
        }
    }

    private static String unreachable(IOException failure) {
        return "502 Bad Gateway (the upstream index is unreachable: "
                + (failure == null ? "the fetch failed" : failure.getMessage()) + ")";
    }

    private static String kind(boolean download) {
        return download ? "file" : "metadata";
    }

    /** Counts what passes, for the metrics. */
    private static final class CountingStream extends OutputStream {
        private final OutputStream out;
        private long count;

        CountingStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
