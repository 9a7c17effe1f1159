package dev.cheeseshop.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The proxy tests' dependency tree, built by {@code src/test/resources/proxy/build_tree.py} (see
 * its docstring for the tree) into a directory: the files under {@code dist/}, what Python says of
 * each ({@link #files()}, from {@code manifest.tsv}: the sha256 is hashlib's, never the server's),
 * and {@link #requirements()}, the tree pinned with hashes for {@code pip install --require-hashes}.
 * From there: {@link #writeStaticTree} (a PEP 503 tree for nginx, by {@code static_tree.py}),
 * {@link #publish} (the files uploaded to a Cheeseshop with twine), {@link #pipInstall} (pip with
 * nothing but one index).
 *
 * <p>The scripts run on Debian's {@code /usr/bin/python3} (standard library only; else
 * {@code python3} on the PATH); pip and twine are {@link PythonClients}'.
 */
public final class ProxyTree {
    /** The scripts' folder, relative to the project (the tests' working directory). */
    public static final Path SCRIPTS = Path.of("src/test/resources/proxy");
    /** The projects of the tree, normalised, in the order pip resolves them from {@code app}. */
    public static final List<String> PROJECTS = List.of("app", "lib-a", "lib-b", "lib-c", "lib-d");

    /** One file of the tree as {@code manifest.tsv} lists it. */
    public record Dist(String project, String name, String version, String filename, String kind, String sha256,
            long size, String requiresPython, String requiresDist, String role) {}

    private final Path dir;
    private final List<Dist> files;

    private ProxyTree(Path dir, List<Dist> files) {
        this.dir = dir;
        this.files = List.copyOf(files);
    }

    /**
     * Builds the tree into {@code dir}, plus a wheel with no requirements for each
     * {@code NAME==VERSION} in {@code extras}.
     */
    public static ProxyTree build(Path dir, String... extras) {
        List<String> args = new ArrayList<>(List.of(dir.toAbsolutePath().toString()));
        for (String extra : extras) {
            args.add("--extra");
            args.add(extra);
        }
        Processes.Result result = script("build_tree.py", args);
        assertThat(result.exitCode()).as(result.describe()).isZero();
        List<Dist> files = new ArrayList<>();
        for (String line : lines(dir.resolve("manifest.tsv"))) {
            String[] f = line.split("\t", -1);
            files.add(new Dist(f[0], f[1], f[2], f[3], f[4], f[5], Long.parseLong(f[6]), f[7], f[8], f[9]));
        }
        return new ProxyTree(dir, files);
    }

    /** {@code python3 SCRIPTS/name args...}. */
    public static Processes.Result script(String name, List<String> args) {
        List<String> command = new ArrayList<>(List.of(python(), SCRIPTS.resolve(name).toAbsolutePath().toString()));
        command.addAll(args);
        return Processes.command(command).withoutEnvPrefix("PYTHON").timeout(Duration.ofMinutes(1)).run();
    }

    /** Debian's {@code /usr/bin/python3} when there is one, else {@code python3} on the PATH. */
    private static String python() {
        Path debian = Path.of("/usr/bin/python3");
        return Files.isExecutable(debian) ? debian.toString() : PythonClients.python();
    }

    public Path dir() {
        return dir;
    }

    /** Where the files are. */
    public Path dist() {
        return dir.resolve("dist");
    }

    public List<Dist> files() {
        return files;
    }

    /** The file called {@code filename}. */
    public Dist file(String filename) {
        return files.stream().filter(f -> f.filename().equals(filename)).findFirst()
                .orElseGet(() -> fail("no " + filename + " in the tree: " + files));
    }

    /** The files of {@code project} (normalised) at {@code version}. */
    public List<Dist> files(String project, String version) {
        return files.stream().filter(f -> f.project().equals(project) && f.version().equals(version)).toList();
    }

    /** The path of a file under {@link #dist()}. */
    public Path path(Dist file) {
        return dist().resolve(file.filename());
    }

    /** The tree pinned (app, lib-a, lib-b, lib-c, lib-d, each 1.0) with every file's hash, as the script wrote it. */
    public Path requirements() {
        return dir.resolve("requirements.txt");
    }

    /**
     * A requirements file at {@code to} pinning each project of {@code pins} (normalised name to
     * version) with the manifest's sha256 of each of its files: for a test that pins other versions.
     */
    public Path requirements(Path to, Map<String, String> pins) {
        StringBuilder text = new StringBuilder();
        pins.forEach((project, version) -> {
            List<Dist> pinned = files(project, version);
            if (pinned.isEmpty()) {
                fail("no " + project + " " + version + " in the tree");
            }
            text.append(project).append("==").append(version);
            pinned.forEach(f -> text.append(" --hash=sha256:").append(f.sha256()));
            text.append('\n');
        });
        try {
            return Files.writeString(to, text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes (or rewrites) the static PEP 503 tree of {@link #dist()} under {@code root}:
     * {@code simple/} and {@code files/}, the files in {@code yanked} (filename to reason) marked
     * yanked. Serve it with {@link Nginx#serve}; its index is {@code /simple/}.
     */
    public Path writeStaticTree(Path root, Map<String, String> yanked) {
        List<String> args = new ArrayList<>(List.of(dist().toAbsolutePath().toString(),
                root.toAbsolutePath().toString()));
        yanked.forEach((file, reason) -> {
            args.add("--yank");
            args.add(file + "=" + reason);
        });
        Processes.Result result = script("static_tree.py", args);
        assertThat(result.exitCode()).as(result.describe()).isZero();
        return root;
    }

    /** The same, nothing yanked. */
    public Path writeStaticTree(Path root) {
        return writeStaticTree(root, Map.of());
    }

    /**
     * Uploads every file of the tree, in the manifest's order, with twine as alice to the server's
     * upload URL (a {@link TestServer}'s {@code url() + "/legacy/"}, or a process's); fails the
     * test if twine does.
     */
    public void publish(String uploadUrl, String user, String password) {
        Path[] paths = files.stream().map(this::path).toArray(Path[]::new);
        Processes.Result result = PythonClients.twineUpload(uploadUrl, user, password, paths);
        assertThat(result.exitCode()).as(result.describe()).isZero();
    }

    /** Uploads every file of the tree to {@code server} as alice. */
    public void publish(TestServer server) {
        publish(server.url() + "/legacy/", TestServer.ALICE, TestServer.ALICE_PASSWORD);
    }

    /**
     * {@code pip install --target TARGET --require-hashes -r REQUIREMENTS --index-url INDEX}, with
     * nothing else of pip's configuration ({@link PythonClients#pip}); the result, for the test to judge.
     */
    public static Processes.Result pipInstall(String indexUrl, Path requirements, Path target) {
        return PythonClients.pip("install", "--target", target.toString(), "--require-hashes", "-r",
                requirements.toString(), "--index-url", indexUrl).run();
    }

    /**
     * The version of each distribution installed in {@code target}, by normalised project name,
     * read from the {@code *.dist-info/METADATA} pip left there (and {@link #importedVersions}
     * for the modules themselves).
     */
    public static Map<String, String> installed(Path target) {
        Map<String, String> versions = new TreeMap<>();
        try (var entries = Files.list(target)) {
            for (Path info : entries.filter(p -> p.getFileName().toString().endsWith(".dist-info")).toList()) {
                String name = null;
                String version = null;
                for (String line : lines(info.resolve("METADATA"))) {
                    if (line.isEmpty()) {
                        break;
                    }
                    if (line.startsWith("Name: ")) {
                        name = line.substring(6).strip();
                    } else if (line.startsWith("Version: ")) {
                        version = line.substring(9).strip();
                    }
                }
                versions.put(name.replaceAll("[-_.]+", "-").toLowerCase(Locale.ROOT), version);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return versions;
    }

    /**
     * Imports each project's module from {@code target} with Python and answers its
     * {@code VERSION}, by normalised project name: the code pip installed, not just its records.
     */
    public static Map<String, String> importedVersions(Path target) {
        String script = "import importlib, sys\n"
                + "for project in sys.argv[1:]:\n"
                + "    print(project, importlib.import_module(project.replace('-', '_')).VERSION)\n";
        Processes.Result run = PythonClients.pythonScript(script, PROJECTS.toArray(String[]::new))
                .env("PYTHONPATH", target.toString()).run();
        assertThat(run.exitCode()).as(run.describe()).isZero();
        Map<String, String> versions = new LinkedHashMap<>();
        for (String line : run.stdout().strip().split("\n")) {
            String[] parts = line.split(" ");
            versions.put(parts[0], parts[1]);
        }
        return versions;
    }

    /** The file's lines; fails the test when it is missing. */
    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return fail("cannot read " + file + ": " + e);
        }
    }

    /** The first file with this role ({@code yank}, {@code newest}, {@code extra}, {@code pinned}). */
    public Optional<Dist> withRole(String role) {
        return files.stream().filter(f -> f.role().equals(role)).findFirst();
    }
}
