package dev.cheeseshop.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.dist.TestArchives;
import dev.cheeseshop.index.PublicUrl;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.MutableClock;
import dev.cheeseshop.testing.Seed;
import dev.cheeseshop.testing.TestServer;
import dev.cheeseshop.testing.Uploads;
import dev.cheeseshop.testing.web.Axe;
import dev.cheeseshop.testing.web.Browser;
import dev.cheeseshop.testing.web.Browser.ColorScheme;
import dev.cheeseshop.testing.web.Browser.Viewport;
import dev.cheeseshop.testing.web.Keyboard;
import dev.cheeseshop.testing.web.NuChecker;
import dev.cheeseshop.testing.web.Screenshots;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of public page in a real browser: valid by the Nu HTML Checker (one run for all),
 * no WCAG 2.1 AA violation found by axe at desktop and phone widths in the light and dark schemes,
 * every control reached with Tab with a visible focus, with scripts on and off; and the pictures
 * in docs/screenshots. Fixed data, a fixed clock and a fixed public URL keep the pictures the same
 * from run to run.
 */
class PagesBrowserTest {
    @TempDir
    static Path tmp;
    private static TestServer server;
    private static Browser browser;
    private static final Map<String, String> PAGES = new LinkedHashMap<>();

    @BeforeAll
    static void start() throws IOException {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-20T09:30:00Z"));
        server = TestServer.start(settings -> settings.withPublicUrl(PublicUrl.parse("http://cheeseshop.example.org/")),
                clock);
        Path wheel = TestArchives.wheel("cheddar-tools", "1.2.0").writeTo(Files.createDirectories(tmp.resolve("w")));
        Path sdist = TestArchives.sdist("cheddar-tools", "1.2.0").writeTo(Files.createDirectories(tmp.resolve("s")));
        Path old = TestArchives.wheel("cheddar-tools", "1.1.0").writeTo(Files.createDirectories(tmp.resolve("o")));
        assertThat(Uploads.wheel(old, "cheddar-tools", "1.1.0").field("summary", "Tools for ageing cheddar")
                .to(server).status()).isEqualTo(200);
        clock.advance(java.time.Duration.ofDays(9));
        for (Uploads upload : List.of(Uploads.wheel(wheel, "cheddar-tools", "1.2.0"),
                Uploads.sdist(sdist, "cheddar-tools", "1.2.0"))) {
            Http.Response response = upload.field("summary", "Tools for ageing cheddar, from mild to vintage")
                    .field("license", "MIT").field("requires_python", ">=3.9").field("keywords", "cheese, dairy")
                    .field("author", "Alice Example")
                    .add("classifiers", "Development Status :: 4 - Beta")
                    .add("classifiers", "License :: OSI Approved :: MIT License")
                    .add("classifiers", "Programming Language :: Python :: 3")
                    .add("project_urls", "Homepage, https://example.org/cheddar")
                    .add("project_urls", "Source, https://example.org/cheddar/src")
                    .field("description", DESCRIPTION).field("description_content_type", "text/markdown")
                    .to(server);
            assertThat(response.status()).as(response.text()).isEqualTo(200);
        }
        new Seed(server).yank("cheddar-tools", "1.1.0", "Aged too briefly");
        PAGES.put("home", "/");
        PAGES.put("project", "/project/cheddar-tools/");
        PAGES.put("release", "/project/cheddar-tools/1.1.0/");
        PAGES.put("history", "/project/cheddar-tools/history/");
        PAGES.put("user", "/user/alice/");
        PAGES.put("search", "/search/?q=cheddar");
        PAGES.put("login", "/account/login/");
        PAGES.put("not-found", "/project/no-such-thing/");
        browser = Browser.start();
    }

    private static final String DESCRIPTION = """
            # Cheddar tools

            Age your **cheddar** properly, from *mild* to vintage.

            | Age | Taste |
            |-----|-------|
            | 3 months | mild |
            | 12 months | sharp |

            ```python
            import cheddar_tools
            cheddar_tools.age("farmhouse", months=12)
            ```

            See https://example.org/cheddar for more.
            """;

    @AfterAll
    static void stop() {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            server.close();
        }
    }

    @AfterEach
    void reset() {
        browser.viewport(Viewport.DESKTOP).colorScheme(ColorScheme.LIGHT).javascript(true);
    }

    @Test
    void everyPageIsValidHtml() {
        Map<String, String> documents = new LinkedHashMap<>();
        PAGES.forEach((name, path) -> documents.put(name, Http.get(server.uri(path)).text()));
        NuChecker.assertAllValid(documents);
    }

    @Test
    void noPageHasAnAccessibilityViolationAtEitherWidthInEitherScheme() {
        for (Map.Entry<String, String> page : PAGES.entrySet()) {
            for (ColorScheme scheme : ColorScheme.values()) {
                for (Viewport viewport : List.of(Viewport.DESKTOP, Viewport.PHONE)) {
                    browser.colorScheme(scheme).viewport(viewport).open(server.uri(page.getValue()));
                    Axe.assertNoViolations(browser, page.getKey() + " at " + viewport.name() + ", " + scheme);
                }
            }
        }
    }

    @Test
    void everyControlOfEveryPageIsReachedWithTheKeyboardWithScriptsOnAndOff() {
        for (boolean javascript : new boolean[] {true, false}) {
            for (Map.Entry<String, String> page : PAGES.entrySet()) {
                browser.javascript(javascript).open(server.uri(page.getValue()));
                assertThat(Keyboard.assertEveryControlReachable(browser)).as(page.getKey()).isNotEmpty();
            }
        }
    }

    @Test
    void thePicturesOfTheMainPagesAreInTheDocs() {
        for (String name : List.of("home", "project", "search")) {
            List<Path> written = Screenshots.save(browser, server.uri(PAGES.get(name)), name, ColorScheme.LIGHT,
                    ColorScheme.DARK);
            assertThat(written).hasSize(4).allSatisfy(png -> assertThat(png).isNotEmptyFile());
        }
    }
}
