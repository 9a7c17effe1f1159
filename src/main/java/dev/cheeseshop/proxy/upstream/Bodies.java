package dev.cheeseshop.proxy.upstream;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.http.HttpHeaders;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * How a page's or index's body is read: decompressed when the upstream gzipped it (the requests
 * ask for gzip: pypi.org's pages shrink tenfold), bounded after decompression, and read as JSON or
 * HTML by its {@code Content-Type} ({@code application/vnd.pypi.simple.v1+json} or
 * {@code application/json} is JSON; {@code text/html}, {@code v1+html} HTML; anything else, as a
 * static server may send, by its first character: {@code {} is JSON), HTML in the charset the
 * header names, else UTF-8.
 */
final class Bodies {
    private Bodies() {}

    /**
     * A body and the form it is in. The parsers get {@link #stream()} or {@link #reader()}, whose
     * closing leaves the body open, so that what they leave unread (a JSON page's final newline) can
     * be {@linkplain #drain() drained} and the connection used again.
     */
    record Decoded(InputStream body, boolean json, Charset charset) {
        InputStream stream() {
            return new FilterInputStream(body) {
                @Override
                public void close() {
                    // the body is the caller's
                }
            };
        }

        Reader reader() {
            return new InputStreamReader(stream(), charset);
        }

        /** Reads what is left of the body (it is bounded as the rest was). */
        void drain() throws IOException {
            body.transferTo(java.io.OutputStream.nullOutputStream());
        }
    }

    static Decoded decode(InputStream raw, HttpHeaders headers, String host, long limit, String what)
            throws IOException {
        String encoding = headers.firstValue("Content-Encoding").orElse("identity").strip().toLowerCase(Locale.ROOT);
        InputStream plain = switch (encoding) {
            case "", "identity" -> raw;
            case "gzip", "x-gzip" -> new GZIPInputStream(raw, 64 * 1024);
            default -> throw new UnreadablePage("the upstream sent " + what + " in an encoding not asked for ("
                    + Messages.clean(encoding) + ")");
        };
        BufferedInputStream bounded = new BufferedInputStream(new Limited(plain, limit, host, what), 64 * 1024);
        Optional<String> type = headers.firstValue("Content-Type");
        String media = type.map(t -> t.split(";", 2)[0].strip().toLowerCase(Locale.ROOT)).orElse("");
        boolean json = switch (media) {
            case "application/vnd.pypi.simple.v1+json", "application/json" -> true;
            case "text/html", "application/vnd.pypi.simple.v1+html", "application/xhtml+xml" -> false;
            default -> startsWithBrace(bounded);
        };
        return new Decoded(bounded, json, charset(type));
    }

    private static boolean startsWithBrace(BufferedInputStream in) throws IOException {
        in.mark(1024);
        try {
            for (int i = 0; i < 1024; i++) {
                int b = in.read();
                if (b < 0) {
                    return false;
                }
                if (b != ' ' && b != '\t' && b != '\r' && b != '\n' && b != 0xEF && b != 0xBB && b != 0xBF) {
                    return b == '{';
                }
            }
            return false;
        } finally {
            in.reset();
        }
    }

    /** The charset the {@code Content-Type} names, when the JDK knows it; else UTF-8. */
    static Charset charset(Optional<String> contentType) {
        if (contentType.isEmpty()) {
            return StandardCharsets.UTF_8;
        }
        for (String parameter : contentType.get().split(";")) {
            String[] pair = parameter.strip().split("=", 2);
            if (pair.length == 2 && pair[0].strip().equalsIgnoreCase("charset")) {
                String name = pair[1].strip().replace("\"", "");
                try {
                    return Charset.forName(name);
                } catch (IllegalArgumentException e) {
                    return StandardCharsets.UTF_8;
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    /** A stream that fails once more than {@code limit} bytes have come through it. */
    static final class Limited extends FilterInputStream {
        private final long limit;
        private final String host;
        private final String what;
        private long count;

        Limited(InputStream in, long limit, String host, String what) {
            super(in);
            this.limit = limit;
            this.host = host;
            this.what = what;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            int n = super.read(into, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        private void counted(int n) throws IOException {
            count += n;
            if (count > limit) {
                long mib = 1024 * 1024;
                throw new TimedBody.BodyFailure("upstream " + host + ": " + what + " is larger than "
                        + (limit % mib == 0 ? limit / mib + " MiB" : limit + " bytes"));
            }
        }
    }
}
