package dev.cheeseshop.testing.web;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A headless Debian Chromium driven by Selenium, for the page tests. Starting one takes a second
 * or two, so a test class shares one ({@code @BeforeAll} / {@code @AfterAll}) and sets what it needs
 * per test: the {@link Viewport}, the {@link #colorScheme color scheme}, {@link #javascript
 * JavaScript} on or off.
 *
 * <p>Nothing is fetched at run time: the driver's path is given, so Selenium Manager (which would
 * look for, and download, a driver and a browser) never runs, and Chromium starts with every
 * background service that calls home turned off, on a fresh profile in a temporary directory.
 * {@link #close} quits the browser, kills whatever of its process tree is left (a failed test
 * must not leave a Chromium behind) and deletes the profile; a shutdown hook does the same for a
 * browser that a test class never closed.
 *
 * <p>Viewports, the color scheme and script blocking are set over the DevTools protocol
 * ({@code Emulation.*} through {@link ChromeDriver#executeCdpCommand}, which needs no
 * selenium-devtools): they give the page the exact viewport a phone has (with the viewport meta tag
 * honoured), unlike a window size, and they hold for every page opened afterwards.
 */
public final class Browser implements AutoCloseable {
    /** What a page is looked at in. {@code mobile} honours the viewport meta tag, as a phone does. */
    public record Viewport(String name, int width, int height, boolean mobile) {
        public static final Viewport DESKTOP = new Viewport("desktop", 1280, 900, false);
        public static final Viewport PHONE = new Viewport("phone", 390, 844, true);
    }

    /** The {@code prefers-color-scheme} a page sees. */
    public enum ColorScheme { LIGHT, DARK }

    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(1);
    /**
     * Selenium looks for a DevTools binding of Chromium's version (selenium-devtools, not a
     * dependency: raw CDP commands are enough) and warns on every start when it finds none. Held
     * here so the level set on it is not lost with a collected logger.
     */
    private static final Logger CDP_VERSION_FINDER = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    private final ChromeDriver driver;
    private final ProcessHandle driverProcess;
    private final Path profile;
    private final Thread hook;
    private Viewport viewport = Viewport.DESKTOP;
    private boolean javascript = true;

    private Browser(ChromeDriver driver, ProcessHandle driverProcess, Path profile) {
        this.driver = driver;
        this.driverProcess = driverProcess;
        this.profile = profile;
        this.hook = new Thread(this::shutDown, "browser cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * A new headless Chromium at the {@link Viewport#DESKTOP desktop} viewport, light, with JavaScript
     * on. Synchronized: its driver process is told from others by being the new child of this JVM.
     */
    public static synchronized Browser start() {
        BrowserTools.requireChromium();
        CDP_VERSION_FINDER.setLevel(Level.SEVERE);
        // Belt and braces: with the driver's path set, DriverFinder never asks Selenium Manager.
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, BrowserTools.CHROMEDRIVER.toString());
        Path profile;
        try {
            profile = Files.createTempDirectory("cheeseshop-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BrowserTools.CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--disable-extensions", "--disable-default-apps",
                "--no-default-browser-check", "--metrics-recording-only", "--hide-scrollbars",
                "--force-color-profile=srgb", "--font-render-hinting=none", "--lang=en-US",
                "--window-size=" + Viewport.DESKTOP.width() + "," + Viewport.DESKTOP.height(),
                "--user-data-dir=" + profile);
        Set<ProcessHandle> before = chromedrivers();
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(BrowserTools.CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .withSilent(true)
                .build();
        ChromeDriver driver;
        try {
            driver = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            service.stop();
            deleteTree(profile);
            throw e;
        }
        ProcessHandle process = chromedrivers().stream().filter(p -> !before.contains(p)).findFirst().orElse(null);
        Browser browser = new Browser(driver, process, profile);
        driver.manage().timeouts().scriptTimeout(SCRIPT_TIMEOUT);
        browser.viewport(Viewport.DESKTOP);
        return browser;
    }

    /** The WebDriver, for whatever these helpers do not cover. */
    public ChromeDriver driver() {
        return driver;
    }

    /** Opens {@code uri} and waits for it to load. */
    public Browser open(URI uri) {
        driver.get(uri.toString());
        return this;
    }

    /** Opens an HTML document given as a string (a {@code data:} URL: no server, no origin). */
    public Browser openHtml(String html) {
        return open(URI.create("data:text/html;charset=utf-8;base64,"
                + Base64.getEncoder().encodeToString(html.getBytes(StandardCharsets.UTF_8))));
    }

    /** The viewport for this page and the ones opened after it. */
    public Browser viewport(Viewport viewport) {
        cdp("Emulation.setDeviceMetricsOverride", Map.of("width", viewport.width(), "height", viewport.height(),
                "deviceScaleFactor", 1, "mobile", viewport.mobile()));
        this.viewport = viewport;
        return this;
    }

    /** A viewport of {@code width} by {@code height} CSS pixels, not a phone's. */
    public Browser resize(int width, int height) {
        return viewport(new Viewport(width + "x" + height, width, height, false));
    }

    public Viewport viewport() {
        return viewport;
    }

    /** The {@code prefers-color-scheme} media feature for this page and the ones opened after it. */
    public Browser colorScheme(ColorScheme scheme) {
        cdp("Emulation.setEmulatedMedia", Map.of("features", List.of(
                Map.of("name", "prefers-color-scheme", "value", scheme.name().toLowerCase(Locale.ROOT)))));
        return this;
    }

    /**
     * JavaScript on or off for the page and the pages opened afterwards, as a person with scripts
     * blocked sees them. WebDriver's own scripts still run, but nothing asynchronous does (no
     * promise, no timer): {@link Axe} turns scripts on again for the time of its run, after the
     * page has loaded without them.
     */
    public Browser javascript(boolean enabled) {
        cdp("Emulation.setScriptExecutionDisabled", Map.of("value", !enabled));
        this.javascript = enabled;
        return this;
    }

    /** Whether the pages' own scripts run. */
    public boolean javascript() {
        return javascript;
    }

    /** Runs a DevTools protocol command on the current page. */
    public Map<String, Object> cdp(String command, Map<String, Object> parameters) {
        return driver.executeCdpCommand(command, parameters);
    }

    /** A screenshot of the whole page (not only the viewport) as PNG, at the current viewport's width. */
    public Browser screenshot(Path png) {
        Screenshots.fullPage(this, png);
        return this;
    }

    /** ChromeDriver's process and every process under it (Chromium's), for the test of {@link #close}. */
    List<ProcessHandle> processes() {
        return driverProcess == null ? List.of()
                : Stream.concat(Stream.of(driverProcess), driverProcess.descendants()).toList();
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs shutDown itself
        }
        shutDown();
    }

    /**
     * Quits the driver, then kills whatever of the process tree it had before is still alive (the
     * tree is taken first: a Chromium helper whose parent died belongs to nobody's tree any more)
     * and waits for each to end.
     */
    private void shutDown() {
        List<ProcessHandle> tree = processes();
        try {
            driver.quit();
        } catch (RuntimeException e) {
            // the driver may be gone already; its processes are killed below either way
        } finally {
            tree.forEach(ProcessHandle::destroyForcibly);
            for (ProcessHandle process : tree) {
                try {
                    process.onExit().get(10, TimeUnit.SECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    // left to the operating system
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            deleteTree(profile);
        }
    }

    private static Set<ProcessHandle> chromedrivers() {
        return ProcessHandle.current().children()
                .filter(p -> p.info().command().map(c -> c.endsWith("chromedriver")).orElse(false))
                .collect(Collectors.toSet());
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary directory left behind
        }
    }
}
