package dev.cheeseshop.proxy.upstream;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTP server on a free loopback port (the JDK's {@code com.sun.net.httpserver}) that plays an
 * upstream: canned answers by exact path, else a static tree of files from a directory as a plain
 * file server gives it ({@code dir/} is {@code dir/index.html}; no ETag, no serial), else 404. It
 * records every request it gets, headers included. Close it to release answers still stalling.
 */
final class FixtureServer implements AutoCloseable {
    /** A request as it arrived, and the client's port (the same port: the same connection). */
    record Request(String path, Headers headers, int clientPort) {
        Optional<String> header(String name) {
            return Optional.ofNullable(headers.getFirst(name));
        }
    }

    /** How a path is answered. */
    interface Answer {
        void answer(HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile Path tree;

    private FixtureServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            try (exchange) {
                String path = exchange.getRequestURI().getRawPath();
                requests.add(new Request(path, exchange.getRequestHeaders(), exchange.getRemoteAddress().getPort()));
                Answer answer = answers.get(path);
                if (answer != null) {
                    answer.answer(exchange);
                } else {
                    fromTree(exchange, path);
                }
            }
        });
        server.start();
    }

    static FixtureServer start() {
        try {
            return new FixtureServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:PORT} and {@code path}. */
    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** What messages call this server: {@code 127.0.0.1:PORT}. */
    String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    FixtureServer answer(String path, Answer answer) {
        answers.put(path, answer);
        return this;
    }

    /** Answers {@code path} with {@code status}, {@code body} and headers (name, value, ...). */
    FixtureServer answer(String path, int status, byte[] body, String... headers) {
        return answer(path, exchange -> send(exchange, status, body, headers));
    }

    /** Serves the files under {@code dir} for every path without a canned answer. */
    FixtureServer tree(Path dir) {
        this.tree = dir;
        return this;
    }

    /** An answer that sends its headers and {@code head}, promises more, and sends nothing else until closed. */
    Answer stall(byte[] head, String... headers) {
        return exchange -> {
            for (int i = 0; i < headers.length; i += 2) {
                exchange.getResponseHeaders().add(headers[i], headers[i + 1]);
            }
            exchange.sendResponseHeaders(200, head.length + 1000);
            OutputStream out = exchange.getResponseBody();
            out.write(head);
            out.flush();
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    List<Request> requests(String path) {
        List<Request> matching = new ArrayList<>();
        for (Request request : requests) {
            if (request.path().equals(path)) {
                matching.add(request);
            }
        }
        return matching;
    }

    static void send(HttpExchange exchange, int status, byte[] body, String... headers) throws IOException {
        for (int i = 0; i < headers.length; i += 2) {
            exchange.getResponseHeaders().add(headers[i], headers[i + 1]);
        }
        boolean empty = body.length == 0 || status == 304;
        exchange.sendResponseHeaders(status, empty ? -1 : body.length);
        if (!empty) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private void fromTree(HttpExchange exchange, String path) throws IOException {
        Path dir = tree;
        if (dir == null || path.contains("..")) {
            send(exchange, 404, "Not Found".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return;
        }
        Path file = dir.resolve(path.substring(1) + (path.endsWith("/") ? "index.html" : ""));
        if (!Files.isRegularFile(file)) {
            send(exchange, 404, "Not Found".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return;
        }
        String type = file.toString().endsWith(".html") ? "text/html" : "application/octet-stream";
        send(exchange, 200, Files.readAllBytes(file), "Content-Type", type);
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    /** A server that accepts connections and never answers on them. */
    static final class Silent implements AutoCloseable {
        private final ServerSocket socket;
        private final List<Socket> accepted = new CopyOnWriteArrayList<>();
        private final Thread acceptor;

        Silent() throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(socket.accept());
                    }
                } catch (IOException closed) {
                    // closed by close()
                }
            }, "silent-upstream");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + path);
        }

        String host() {
            return "127.0.0.1:" + socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket s : accepted) {
                s.close();
            }
        }
    }
}
