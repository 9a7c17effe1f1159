package dev.cheeseshop.app;

import dev.cheeseshop.testing.Processes;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code cheeseshop serve} from the packaged jar, started and waited for: ready when it prints
 * the URL it listens on. Close to kill it. Public for the black-box client tests in {@code clients}.
 */
public final class ServedJar implements AutoCloseable {
    static final Pattern READY = Pattern.compile("Cheeseshop is serving (http://127\\.0\\.0\\.1:(\\d+)/) \\(((?:data|metadata) in .+)\\)");

    final Processes.Running process;
    final String readyLine;
    /** Where the line says the index is: {@code data in DIR}, or {@code metadata in ..., files in ...}. */
    final String where;
    public final URI url;
    final int port;

    private ServedJar(Processes.Running process, String readyLine) {
        this.process = process;
        this.readyLine = readyLine;
        Matcher m = READY.matcher(readyLine);
        if (!m.matches()) {
            throw new IllegalStateException("not a ready line: " + readyLine);
        }
        this.url = URI.create(m.group(1));
        this.port = Integer.parseInt(m.group(2));
        this.where = m.group(3);
    }

    /**
     * {@code cheeseshop serve} of the index in {@code data} on 127.0.0.1 and a free port, with
     * {@code extra} arguments: a command to {@link #start}, or to run and see refused.
     */
    static Processes.Command serve(Path data, String... extra) {
        List<String> args = new ArrayList<>(List.of("serve", "--data", data.toString(), "--host", "127.0.0.1",
                "--port", "0"));
        args.addAll(List.of(extra));
        return Processes.cheeseshop(args.toArray(String[]::new));
    }

    /** Starts the command (a {@code serve}) and waits for its ready line. */
    public static ServedJar start(Processes.Command serve) {
        Processes.Running running = serve.start();
        try {
            return new ServedJar(running, running.awaitLine(line -> READY.matcher(line).matches()));
        } catch (RuntimeException | Error e) {
            running.close();
            throw e;
        }
    }

    public URI uri(String path) {
        return url.resolve(path);
    }

    @Override
    public void close() {
        process.close();
    }
}
