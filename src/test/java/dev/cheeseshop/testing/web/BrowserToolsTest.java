package dev.cheeseshop.testing.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cheeseshop.testing.web.Browser.ColorScheme;
import dev.cheeseshop.testing.web.Browser.Viewport;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The browser tests' tools, each proved to see what it is for on small pages written here: axe
 * finds the violations planted in a page, and none in a clean one; the keyboard reaches what a
 * person would, in order, and notices a focus nobody can see; screenshots cover the whole page at
 * the viewport's width; the colour scheme, viewport and script switches reach the page; and
 * closing the browser leaves none of its processes.
 */
class BrowserToolsTest {
    private static final String DOT = "data:image/gif;base64,R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==";
    private static Browser browser;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startBrowser() {
        browser = Browser.start();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @AfterEach
    void reset() {
        browser.viewport(Viewport.DESKTOP).colorScheme(ColorScheme.LIGHT).javascript(true);
    }

    private static String page(String head, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Test page</title>"
                + head + "</head><body>" + body + "</body></html>";
    }

    @Test
    void axeFindsAnImageWithoutAltLowContrastAndAnEmptyLinkEvenUnderAStrictPolicy() {
        // The landing page's policy forbids every script: axe must still run, put in by WebDriver.
        browser.openHtml(page("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\">",
                "<main><h1>Bad</h1><img src=\"" + DOT + "\">"
                        + "<p style=\"color: #aaaaaa; background: #ffffff\">Grey on white: 2.3 to 1</p>"
                        + "<p><a href=\"#nowhere\"></a></p></main>"));

        List<Axe.Violation> violations = Axe.violations(browser);
        assertThat(violations).extracting(Axe.Violation::id)
                .containsExactlyInAnyOrder("image-alt", "color-contrast", "link-name");
        Axe.Violation image = violations.stream().filter(v -> v.id().equals("image-alt")).findFirst().orElseThrow();
        assertThat(image.impact()).isEqualTo("critical");
        assertThat(image.nodes()).singleElement().satisfies(n -> assertThat(n.target()).containsExactly("img"));
        assertThatThrownBy(() -> Axe.assertNoViolations(browser, "the bad page"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("the bad page: 3 axe-core violation(s)")
                .hasMessageContaining("image-alt (critical)")
                .hasMessageContaining("at img: <img src=");
    }

    @Test
    void axeFindsNothingOnACleanPage() {
        browser.openHtml(page("", "<header><p>Site</p></header><main><h1>Fine</h1><p>Black on white.</p>"
                + "<img src=\"" + DOT + "\" alt=\"A dot\"><p><a href=\"#top\">To the top</a></p></main>"));
        Axe.assertNoViolations(browser);
        // and a second run on the same page, with axe already there
        assertThat(Axe.run(browser).violations()).isEmpty();
    }

    @Test
    void theKeyboardReachesEveryControlInOrderAndNoticesAnInvisibleFocus() {
        browser.openHtml(page("<style>.hidden-focus:focus { outline: none; }</style>",
                "<main><h1>Controls</h1><p><a href=\"#one\">One</a> <button type=\"button\">Two</button>"
                        + " <label>Three <input name=\"three\"></label> <span tabindex=\"-1\">Not in the order</span>"
                        + " <a href=\"#four\" class=\"hidden-focus\">Four</a> <span tabindex=\"0\">Five</span>"
                        + " <a>no href, not a control</a> <button type=\"button\" disabled>disabled</button></p></main>"));

        List<Keyboard.Focus> tabbed = Keyboard.tabThrough(browser);
        assertThat(Keyboard.descriptions(tabbed)).containsExactly(
                "a[href=\"#one\"] \"One\"", "button[type=\"button\"] \"Two\"", "input[name=\"three\"]",
                "a[href=\"#four\"] \"Four\"", "span \"Five\"");
        assertThat(tabbed).extracting(Keyboard.Focus::focusVisible).containsExactly(true, true, true, false, true);
        assertThat(Keyboard.focusable(browser)).containsExactlyElementsOf(tabbed.stream().map(Keyboard.Focus::element).toList());
        assertThatThrownBy(() -> Keyboard.assertEveryControlReachable(browser))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("a[href=\"#four\"] \"Four\" (focus not visible: outline:");
    }

    @Test
    void aControlTheKeyboardCannotReachFails() {
        browser.openHtml(page("", "<main><h1>Trap</h1><p><a href=\"#a\">A</a> <a href=\"#b\" tabindex=\"-1\">B</a></p></main>"));
        // tabindex=-1 takes it out of the order, so it is not expected either: both lists agree
        assertThat(Keyboard.descriptions(Keyboard.assertEveryControlReachable(browser))).containsExactly("a[href=\"#a\"] \"A\"");
        browser.openHtml(page("", "<main><h1>Nothing to reach</h1></main>"));
        assertThat(Keyboard.tabThrough(browser)).isEmpty();
    }

    @Test
    void aScreenshotIsTheWholePageAtTheViewportsWidth() throws IOException {
        String tall = page("<style>body { margin: 0 } #top { height: 1990px; background: #ff0000 }"
                + " #bottom { height: 10px; background: #0000ff }</style>", "<div id=\"top\"></div><div id=\"bottom\"></div>");
        for (Viewport viewport : List.of(Viewport.PHONE, Viewport.DESKTOP)) {
            Path png = tmp.resolve(viewport.name() + ".png");
            browser.viewport(viewport).openHtml(tall).screenshot(png);
            BufferedImage image = ImageIO.read(png.toFile());
            assertThat(image.getWidth()).isEqualTo(viewport.width());
            assertThat(image.getHeight()).isEqualTo(2000);
            assertThat(image.getRGB(0, 0) & 0xffffff).isEqualTo(0xff0000);
            assertThat(image.getRGB(viewport.width() - 1, 1989) & 0xffffff).isEqualTo(0xff0000);
            assertThat(image.getRGB(0, 1995) & 0xffffff).isEqualTo(0x0000ff);
        }
    }

    @Test
    void theViewportColorSchemeAndScriptSwitchesReachThePage() {
        String html = page("<style>body { background: #ffffff } @media (prefers-color-scheme: dark) { body { background: #000000 } }</style>",
                "<main><h1>Switches</h1><p id=\"p\">static</p><script>document.getElementById('p').textContent = 'scripted';</script></main>");
        browser.viewport(Viewport.PHONE).openHtml(html);
        assertThat(browser.driver().executeScript("return [innerWidth, innerHeight];")).isEqualTo(List.of(390L, 844L));
        assertThat(text("p")).isEqualTo("scripted");
        assertThat(background()).isEqualTo("rgb(255, 255, 255)");

        browser.viewport(Viewport.DESKTOP).colorScheme(ColorScheme.DARK).javascript(false).openHtml(html);
        assertThat(browser.driver().executeScript("return [innerWidth, innerHeight];")).isEqualTo(List.of(1280L, 900L));
        assertThat(background()).isEqualTo("rgb(0, 0, 0)");
        assertThat(text("p")).isEqualTo("static");
        Axe.assertNoViolations(browser, "with scripts off");

        browser.colorScheme(ColorScheme.LIGHT).javascript(true).openHtml(html);
        assertThat(background()).isEqualTo("rgb(255, 255, 255)");
        assertThat(text("p")).isEqualTo("scripted");
    }

    @Test
    void closingTheBrowserLeavesNoneOfItsProcesses() {
        List<ProcessHandle> processes;
        try (Browser other = Browser.start()) {
            other.openHtml(page("", "<main><h1>Bye</h1></main>"));
            processes = other.processes();
            assertThat(processes).hasSizeGreaterThan(2); // chromedriver, chromium and its helpers
            assertThat(processes).allMatch(ProcessHandle::isAlive);
        }
        assertThat(processes).noneMatch(ProcessHandle::isAlive);
    }

    private static String text(String id) {
        return browser.driver().findElement(org.openqa.selenium.By.id(id)).getText();
    }

    private static String background() {
        return (String) browser.driver().executeScript("return getComputedStyle(document.body).backgroundColor;");
    }
}
