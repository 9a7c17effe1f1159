package dev.cheeseshop.testing.web;

import dev.cheeseshop.testing.web.Browser.ColorScheme;
import dev.cheeseshop.testing.web.Browser.Viewport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The pictures of the main pages in {@code docs/screenshots/}, which the tests write on every run
 * so that they always show what the code serves: {@code <page>-desktop.png} and
 * {@code <page>-phone.png}, and {@code <page>-desktop-dark.png} and {@code <page>-phone-dark.png}
 * when the dark scheme is asked for. Each is the whole page, top to bottom, at the viewport's
 * width. A page whose text holds something that changes from run to run (a port, a time) changes
 * its picture too: serve it with fixed values (a {@code PublicUrl}, a fixed clock) so that the
 * committed files change only when the page does.
 */
public final class Screenshots {
    private Screenshots() {}

    /** {@code docs/screenshots/} in the project. */
    public static Path directory() {
        return BrowserTools.projectDirectory().resolve("docs/screenshots");
    }

    /**
     * Opens {@code page} at the desktop and the phone viewport, in each scheme given (light if none),
     * and saves the whole page as {@code <name>-desktop.png}, {@code <name>-phone.png} (with
     * {@code -dark} before {@code .png} in the dark scheme) in {@link #directory}. The browser is
     * left at the desktop viewport in the light scheme. Answers the files written.
     */
    public static List<Path> save(Browser browser, URI page, String name, ColorScheme... schemes) {
        List<Path> written = new ArrayList<>();
        for (ColorScheme scheme : schemes.length == 0 ? new ColorScheme[] {ColorScheme.LIGHT} : schemes) {
            browser.colorScheme(scheme);
            for (Viewport viewport : List.of(Viewport.DESKTOP, Viewport.PHONE)) {
                browser.viewport(viewport).open(page);
                String suffix = scheme == ColorScheme.DARK ? "-dark" : "";
                Path png = directory().resolve(name + "-" + viewport.name() + suffix + ".png");
                fullPage(browser, png);
                written.add(png);
            }
        }
        browser.colorScheme(ColorScheme.LIGHT).viewport(Viewport.DESKTOP);
        return written;
    }

    /**
     * The current page, top to bottom, at the viewport's width, as PNG in {@code png}: DevTools'
     * {@code Page.captureScreenshot} clipped to the layout's content size, beyond the viewport.
     */
    public static void fullPage(Browser browser, Path png) {
        Map<String, Object> metrics = browser.cdp("Page.getLayoutMetrics", Map.of());
        @SuppressWarnings("unchecked")
        Map<String, Object> content = (Map<String, Object>) metrics.get("cssContentSize");
        double height = ((Number) content.get("height")).doubleValue();
        int width = browser.viewport().width();
        Map<String, Object> shot = browser.cdp("Page.captureScreenshot", Map.of(
                "format", "png",
                "captureBeyondViewport", true,
                "clip", Map.of("x", 0, "y", 0, "width", width, "height", Math.ceil(height), "scale", 1)));
        try {
            Files.createDirectories(png.toAbsolutePath().getParent());
            Files.write(png, Base64.getDecoder().decode((String) shot.get("data")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
