package dev.cheeseshop.testing.web;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the browser tests' tools are: Debian's Chromium and its driver, and the npm packages under
 * {@code browser-tools/} (the Nu HTML Checker's {@code vnu.jar} and axe-core), all installed by
 * {@code .ci/run}. A missing tool fails the test with the command that installs it, never skips it:
 * a page that is not checked must not pass as checked.
 */
public final class BrowserTools {
    /** Debian's launcher of Chromium (package {@code chromium}). */
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    /** Debian's ChromeDriver (package {@code chromium-driver}), the same version as Chromium. */
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private static final String NPM_CI = "npm ci --prefix browser-tools --ignore-scripts --no-audit --no-fund";

    private BrowserTools() {}

    /** The project's directory: Maven's {@code basedir}, which surefire also makes the working directory. */
    public static Path projectDirectory() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
    }

    /** The Nu HTML Checker from the npm package {@code vnu-jar}. */
    public static Path vnuJar() {
        return npmFile(projectDirectory(), "vnu-jar/build/dist/vnu.jar");
    }

    /** axe-core's browser build. */
    public static Path axeScript() {
        return npmFile(projectDirectory(), "axe-core/axe.min.js");
    }

    /** Debian's Chromium and ChromeDriver, or a failure naming their packages. */
    static void requireChromium() {
        for (Path tool : new Path[] {CHROMIUM, CHROMEDRIVER}) {
            if (!Files.isExecutable(tool)) {
                fail("no %s: install Debian's Chromium with `apt-get install chromium chromium-driver`", tool);
            }
        }
    }

    /** {@code browser-tools/node_modules/PATH} under {@code project}, or a failure saying how to install it. */
    static Path npmFile(Path project, String path) {
        Path file = project.resolve("browser-tools/node_modules").resolve(path);
        if (!Files.isRegularFile(file)) {
            fail("no %s: install the browser tests' tools with `%s` in %s", file, NPM_CI, project);
        }
        return file;
    }
}
