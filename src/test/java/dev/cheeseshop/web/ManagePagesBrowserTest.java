package dev.cheeseshop.web;

import static dev.cheeseshop.testing.TestServer.ALICE;
import static dev.cheeseshop.testing.TestServer.ALICE_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.TestServer;
import dev.cheeseshop.testing.web.Axe;
import dev.cheeseshop.testing.web.Browser;
import dev.cheeseshop.testing.web.Browser.ColorScheme;
import dev.cheeseshop.testing.web.Browser.Viewport;
import dev.cheeseshop.testing.web.Keyboard;
import dev.cheeseshop.testing.web.NuChecker;
import dev.cheeseshop.testing.web.Screenshots;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The management pages in a real browser, as an Owner uses them: logged in through the login
 * form, a Maintainer added, a release yanked with a reason (and the public release page showing
 * it), a file deleted by typing its name; then the pages valid by the Nu HTML Checker, with no
 * WCAG 2.1 AA violation found by axe at either width in either scheme, every control reached with Tab, and their
 * pictures in {@code docs/screenshots/}. The server's clock is fixed, so the pictures are the same
 * on every run.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ManagePagesBrowserTest {
    @TempDir
    static Path tmp;

    private static TestServer server;
    private static Browser browser;
    private static List<String> files;
    private static URI manage;

    @BeforeAll
    static void start() throws IOException {
        server = TestServer.start(UnaryOperator.identity(),
                Clock.fixed(Instant.parse("2026-03-02T10:15:00Z"), ZoneOffset.UTC));
        files = ManagePagesTest.project(server, tmp, "cheese-grater", "1.0", "1.1");
        manage = server.uri("/manage/project/cheese-grater/");
        browser = Browser.start();
        browser.open(server.uri("/account/login/?next=/manage/project/cheese-grater/"));
        browser.driver().findElement(By.id("login-username")).sendKeys(ALICE);
        browser.driver().findElement(By.id("login-password")).sendKeys(ALICE_PASSWORD);
        browser.driver().findElement(By.cssSelector("main form button[type=submit]")).click();
        // The click returns before the answer is loaded: wait for the redirect back here (the login
        // page has an h1 too).
        afterSubmit(ExpectedConditions.urlToBe(manage.toString()));
        assertThat(browser.driver().getCurrentUrl()).isEqualTo(manage.toString());
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

    private static WebElement waitFor(By by) {
        return new WebDriverWait(browser.driver(), Duration.ofSeconds(30))
                .until(ExpectedConditions.presenceOfElementLocated(by));
    }

    /** Waits for the answer to a submitted form, which a click does not wait for. */
    private static void afterSubmit(org.openqa.selenium.support.ui.ExpectedCondition<?> answered) {
        new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until(answered);
    }

    private static String status() {
        return waitFor(By.cssSelector("[role=status]")).getText();
    }

    @Test
    @Order(1)
    void anOwnerAddsAMaintainerYanksWithAReasonAndDeletesAFileByTypingItsName() {
        var driver = browser.driver();
        browser.open(manage);
        driver.findElement(By.id("add-username")).sendKeys("bob");
        driver.findElement(By.cssSelector("form[action$='/roles/add/'] button")).click();
        afterSubmit(ExpectedConditions.urlContains("?done=role-added"));
        assertThat(status()).isEqualTo("The role was given.");
        assertThat(driver.findElements(By.cssSelector("section[aria-labelledby=roles] tbody tr")))
                .extracting(row -> row.findElement(By.cssSelector("td")).getText() + " "
                        + row.findElements(By.cssSelector("td")).get(1).getText())
                .containsExactly("alice Owner", "bob Maintainer");

        WebElement release = driver.findElement(By.xpath("//article[.//h3/a[text()='1.0']]"));
        release.findElement(By.cssSelector("input[name=reason]")).sendKeys("Broken on Windows");
        release.findElement(By.cssSelector("form[action$='/yank/'] button")).click();
        afterSubmit(ExpectedConditions.urlContains("?done=yanked"));
        assertThat(status()).isEqualTo("The release was yanked.");

        browser.open(server.uri("/project/cheese-grater/1.0/"));
        assertThat(driver.findElement(By.cssSelector("h1 .badge.yanked")).getText()).isEqualTo("Yanked");
        assertThat(driver.findElement(By.cssSelector(".notice[role=note]")).getText())
                .contains("Reason: Broken on Windows");

        browser.open(manage);
        String file = files.get(1);
        driver.findElement(By.cssSelector("a[href$='/files/" + file + "/delete/']")).click();
        waitFor(By.id("confirm-name")).sendKeys(file.substring(0, file.length() - 1));
        driver.findElement(By.cssSelector("main form button[type=submit]")).click();
        assertThat(waitFor(By.cssSelector("[role=alert]")).getText()).endsWith("nothing was deleted.");
        driver.findElement(By.id("confirm-name")).sendKeys(file);
        driver.findElement(By.cssSelector("main form button[type=submit]")).click();
        afterSubmit(ExpectedConditions.urlContains("?done=file-deleted"));
        assertThat(status()).isEqualTo("The file was deleted.");
        assertThat(driver.findElements(By.cssSelector("ul.files li > a:first-child"))).extracting(WebElement::getText)
                .containsExactly(files.get(2), files.get(3), files.get(0));
    }

    @Test
    @Order(2)
    void theManagePagesAreValidAccessibleAndKeyboardReachable() {
        String cookie = "cheeseshop_session=" + browser.driver().manage().getCookieNamed("cheeseshop_session").getValue();
        Map<String, URI> pages = new LinkedHashMap<>();
        pages.put("manage", manage);
        pages.put("projects", server.uri("/manage/projects/"));
        pages.put("delete release", server.uri("/manage/project/cheese-grater/release/1.1/delete/"));
        pages.put("delete project", server.uri("/manage/project/cheese-grater/delete/"));
        Map<String, String> documents = new LinkedHashMap<>();
        pages.forEach((name, uri) -> {
            Http.Response response = Http.get(uri, "Cookie", cookie);
            assertThat(response.status()).as(name).isEqualTo(200);
            documents.put(name, response.text());
        });
        NuChecker.assertAllValid(documents);
        for (ColorScheme scheme : ColorScheme.values()) {
            for (Viewport viewport : List.of(Viewport.DESKTOP, Viewport.PHONE)) {
                browser.colorScheme(scheme).viewport(viewport);
                pages.forEach((name, uri) -> {
                    browser.open(uri);
                    Axe.assertNoViolations(browser, name + " at " + viewport.name() + ", " + scheme);
                    if (scheme == ColorScheme.LIGHT) {
                        Keyboard.assertEveryControlReachable(browser);
                    }
                });
            }
        }
        browser.colorScheme(ColorScheme.LIGHT).viewport(Viewport.DESKTOP);
    }

    @Test
    @Order(3)
    void itsPicturesAreInTheDocs() {
        assertThat(Screenshots.save(browser, manage, "manage")).extracting(p -> p.getFileName().toString())
                .containsExactly("manage-desktop.png", "manage-phone.png");
    }
}
