package dev.cheeseshop.testing;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The publishing tools as Debian packages them: flit, poetry, pdm, and {@code python3 -m build}
 * (which builds what {@code pdm publish --no-build} uploads). Each runs from {@code /usr/bin}
 * when it is there, ahead of the PATH: a {@code python3} earlier on the PATH (pyenv, a venv) has
 * neither the tools nor the build backends Debian installs beside them (flit_core in {@code flit},
 * {@code python3-poetry-core}, {@code python3-pdm-pep517}), and with no network a build cannot
 * download them.
 *
 * <p>A tool sees nothing of the user's: its {@code HOME} is a directory of the test's, and every
 * {@code XDG_*}, {@code PYTHON*}, {@code PIP_*}, {@code FLIT_*}, {@code POETRY_*}, {@code PDM_*},
 * {@code TWINE_*}, {@code VIRTUAL_ENV} and {@code CONDA_*} variable is removed; keyring is off
 * (poetry and pdm would ask it for credentials). A missing tool fails the test with how to
 * install it; it is never skipped.
 */
public final class Publishers {
    public static final String INSTALL = "install them with: apt-get install flit python3-poetry python3-pdm "
            + "python3-build python3-poetry-core python3-pdm-pep517";
    private static final Path DEBIAN_BIN = Path.of("/usr/bin");

    private Publishers() {}

    /** The executable {@code name}: Debian's in {@code /usr/bin}, else the first on the PATH. */
    public static String tool(String name) {
        Path debian = DEBIAN_BIN.resolve(name);
        if (Files.isRegularFile(debian) && Files.isExecutable(debian)) {
            return debian.toString();
        }
        return Processes.which(name).map(Path::toString)
                .orElseGet(() -> fail(name + " is not installed; " + INSTALL));
    }

    /** Debian's {@code python3}, the one that has python3-build and the build backends. */
    public static String python() {
        return tool("python3");
    }

    /**
     * {@code args} run in {@code project} with {@code home} as HOME and nothing else of the
     * user's environment that a Python packaging tool reads.
     */
    public static Processes.Command command(Path home, Path project, String... args) {
        List<String> command = new ArrayList<>(List.of(args));
        Processes.Command built = Processes.command(command).directory(project).timeout(Duration.ofMinutes(3))
                .env("HOME", home.toString())
                .env("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring");
        for (String prefix : List.of("XDG_", "PYTHON", "PIP_", "FLIT_", "POETRY_", "PDM_", "TWINE_", "VIRTUAL_ENV",
                "CONDA_")) {
            built.withoutEnvPrefix(prefix);
        }
        return built;
    }

    private static final Pattern ANCHOR = Pattern.compile("<a href=\"([^\"]+)\"[^>]*>([^<]+)</a>");

    /** A Simple page's links by their text, without their {@code #sha256=} fragments. */
    public static Map<String, String> simpleLinks(String html) {
        Map<String, String> links = new LinkedHashMap<>();
        Matcher m = ANCHOR.matcher(html);
        while (m.find()) {
            links.put(m.group(2), m.group(1).replaceFirst("#.*", ""));
        }
        return links;
    }
}
