package dev.cheeseshop.web;

import static dev.cheeseshop.testing.TestServer.ALICE;
import static dev.cheeseshop.testing.TestServer.ALICE_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.TestServer;
import dev.cheeseshop.testing.Tokens;
import dev.cheeseshop.testing.WebForms;
import dev.cheeseshop.testing.web.Axe;
import dev.cheeseshop.testing.web.Browser;
import dev.cheeseshop.testing.web.Browser.ColorScheme;
import dev.cheeseshop.testing.web.Browser.Viewport;
import dev.cheeseshop.testing.web.Keyboard;
import dev.cheeseshop.testing.web.NuChecker;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The account page in a real browser, signed in through the login form itself: valid HTML by the
 * Nu HTML Checker, and no WCAG 2.1 AA violation found by axe at desktop and phone widths in both
 * schemes, as it first shows, with a new token's secret shown, and with an error shown; every
 * control reached with Tab, with a visible focus. The server answers on plain http, so the
 * browser keeps its (not Secure) session cookie.
 */
class AccountPageBrowserTest {
    private static TestServer server;
    private static Browser browser;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        Tokens.secret(server, ALICE, ALICE_PASSWORD, "{\"name\": \"from the API\", \"expires\": 86400}");
        browser = Browser.start();
        browser.open(server.uri("/account/login/?next=/account/"));
        browser.driver().findElement(By.id("login-username")).sendKeys(ALICE);
        browser.driver().findElement(By.id("login-password")).sendKeys(ALICE_PASSWORD);
        browser.driver().findElement(By.cssSelector("main form button[type=submit]")).click();
        // The click returns before the answer is loaded: wait for the login's redirect, not for an h1
        // (the login page has one too).
        new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until(ExpectedConditions.urlToBe(
                server.uri("/account/").toString()));
        assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo("Your account");
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
    void thePagesAreValidHtmlAsFirstShownWithANewTokenAndWithEachError() {
        String session = WebForms.logIn(server, ALICE, ALICE_PASSWORD);
        String csrf = Jsoup.parse(Http.get(server.uri("/account/"), "Cookie", session).text())
                .selectFirst("main form input[name=csrf_token]").attr("value");
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("account", page(Http.get(server.uri("/account/"), "Cookie", session), 200));
        pages.put("new token", page(WebForms.post(server, "/account/tokens/", Map.of("csrf_token", csrf,
                "name", "valid", "projects", "", "expires", "1y"), session), 200));
        pages.put("token error", page(WebForms.post(server, "/account/tokens/", Map.of("csrf_token", csrf,
                "name", "valid", "projects", "not-hers", "expires", "30d"), session), 400));
        pages.put("password error", page(WebForms.post(server, "/account/password/", Map.of("csrf_token", csrf,
                "current", ALICE_PASSWORD, "new", "one-new-password", "repeat", "another-one"), session), 400));
        pages.put("revoked", page(Http.get(server.uri("/account/?done=revoked"), "Cookie", session), 200));
        pages.put("forbidden", page(WebForms.post(server, "/account/tokens/", Map.of("name", "x"), session), 403));
        NuChecker.assertAllValid(pages);
    }

    @Test
    void noAccessibilityViolationAsFirstShownWithANewTokenOrWithAnErrorAtEitherWidthInEitherScheme() {
        browser.open(server.uri("/account/"));
        assertNoViolationsInAnyView("/account/");

        browser.driver().findElement(By.id("token-name")).sendKeys("for axe");
        new Select(browser.driver().findElement(By.id("token-expires"))).selectByValue("90d");
        submit("token-name");
        waitFor("#new-token");
        assertThat(browser.driver().findElement(By.cssSelector("pre[data-copy]")).getText())
                .contains("TWINE_USERNAME=__token__", "TWINE_PASSWORD=");
        assertNoViolationsInAnyView("a new token");

        browser.driver().findElement(By.id("password-current")).sendKeys(ALICE_PASSWORD);
        browser.driver().findElement(By.id("password-new")).sendKeys("one-new-password");
        browser.driver().findElement(By.id("password-repeat")).sendKeys("another-new-password");
        submit("password-repeat");
        waitFor("#password-error");
        assertNoViolationsInAnyView("a password error");

        browser.driver().findElement(By.id("token-name")).sendKeys("scoped");
        browser.driver().findElement(By.id("token-projects")).sendKeys("not-a-project-of-hers");
        submit("token-name");
        waitFor("#token-error");
        assertNoViolationsInAnyView("a token error");
    }

    /**
     * Axe on the page as loaded (a form's answer cannot be opened again), at each width in each
     * scheme: the emulation applies to the page in place; then back to the desktop in light.
     */
    private static void assertNoViolationsInAnyView(String name) {
        for (ColorScheme scheme : ColorScheme.values()) {
            for (Viewport viewport : List.of(Viewport.DESKTOP, Viewport.PHONE)) {
                browser.colorScheme(scheme).viewport(viewport);
                Axe.assertNoViolations(browser, name + " at " + viewport.name() + ", " + scheme);
            }
        }
        browser.colorScheme(ColorScheme.LIGHT).viewport(Viewport.DESKTOP);
    }

    @Test
    void everyControlIsReachedWithTabAndShowsItsFocusWithOrWithoutScripts() {
        for (boolean javascript : new boolean[] {true, false}) {
            for (Viewport viewport : List.of(Viewport.DESKTOP, Viewport.PHONE)) {
                browser.javascript(javascript).viewport(viewport).open(server.uri("/account/"));
                List<String> tabbed = Keyboard.descriptions(Keyboard.assertEveryControlReachable(browser));
                assertThat(tabbed).as("at %s, scripts %s", viewport.name(), javascript)
                        .contains("a[href=\"/account/\"] \"Account\"", "a[href=\"/user/alice/\"] \"Your public page\"",
                                "input[id=\"token-name\"][name=\"name\"][type=\"text\"]",
                                "select[id=\"token-expires\"][name=\"expires\"] \"Never In 30 days In 90 days In 1 year (365 days)\"",
                                "button[type=\"submit\"] \"Create token\"",
                                "input[id=\"password-repeat\"][name=\"repeat\"][type=\"password\"]",
                                "button[type=\"submit\"] \"Change password\"")
                        .anySatisfy(d -> assertThat(d).startsWith("button[type=\"submit\"] \"Revoke"));
            }
        }
        browser.javascript(true).open(server.uri("/account/"));
        browser.driver().findElement(By.id("token-name")).sendKeys("keyboard");
        submit("token-name");
        waitFor("#new-token");
        assertThat(Keyboard.descriptions(Keyboard.assertEveryControlReachable(browser)))
                .as("the copy button the script adds beside the secret").contains("button[type=\"button\"] \"Copy\"");
    }

    /** Submits the form holding the field {@code id} with its submit button. */
    private static void submit(String id) {
        browser.driver().findElement(By.id(id)).findElement(By.xpath("ancestor::form"))
                .findElement(By.cssSelector("button[type=submit]")).click();
    }

    private static void waitFor(String css) {
        try {
            new WebDriverWait(browser.driver(), Duration.ofSeconds(30))
                    .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("no " + css + " on " + browser.driver().getCurrentUrl() + ": "
                    + browser.driver().getPageSource(), e);
        }
    }

    private static String page(Http.Response response, int status) {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        return response.text();
    }
}
