package dev.cheeseshop.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.dist.TestArchives;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.Processes;
import dev.cheeseshop.testing.PythonClients;
import dev.cheeseshop.testing.TestServer;
import dev.cheeseshop.testing.web.Browser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What a maintainer does on the web, start to end, in headless Chromium: log in, make an API
 * token, upload with it through the real twine, find the project by search, read its Markdown and
 * reStructuredText descriptions, add a Maintainer, yank a release and see its badge, delete a file
 * by typing its name, and read it all in the project's history. Every step through the pages, as a
 * person would: typing into fields and pressing buttons.
 */
class WebJourneyBrowserTest {
    private static final String PROJECT = "journey-cheese";
    @TempDir
    static Path tmp;
    private static TestServer server;
    private static Browser browser;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        browser = Browser.start();
    }

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

    @Test
    void aMaintainerPublishesFindsReadsAndManagesAProjectInTheBrowser() throws Exception {
        WebDriver page = browser.driver();

        // 1. Log in.
        browser.open(server.uri("/account/login/"));
        page.findElement(By.id("login-username")).sendKeys(TestServer.ALICE);
        page.findElement(By.id("login-password")).sendKeys(TestServer.ALICE_PASSWORD);
        button("Log in").click();
        waitFor(d -> d.getCurrentUrl().endsWith("/account/"));
        assertThat(page.findElements(By.cssSelector("nav.account a"))).extracting(WebElement::getText)
                .containsExactly("alice", "Account");

        // 2. Make an API token; it is shown once.
        page.findElement(By.id("token-name")).sendKeys("journey");
        button("Create token").click();
        waitFor(d -> !d.findElements(By.cssSelector(".new-token pre")).isEmpty());
        String shown = page.findElement(By.cssSelector(".new-token pre")).getText();
        String token = shown.lines().filter(l -> l.startsWith("export TWINE_PASSWORD=")).findFirst().orElseThrow()
                .substring("export TWINE_PASSWORD=".length());
        assertThat(token).startsWith("pypi-");

        // 3. Upload with it through twine: 1.0 described in Markdown, 2.0 in reStructuredText.
        Path markdown = TestArchives.wheel(PROJECT, "1.0").metadata(metadata("1.0", "text/markdown",
                "# Journey\n\n| cheese | age |\n|---|---|\n| cheddar | **12 months** |\n"))
                .writeTo(Files.createDirectories(tmp.resolve("md")));
        Path rst = TestArchives.wheel(PROJECT, "2.0").metadata(metadata("2.0", "text/x-rst",
                "Journey\n=======\n\nAged *slowly*, with ``care``.\n\n- brie\n- gouda\n"))
                .writeTo(Files.createDirectories(tmp.resolve("rst")));
        Processes.Result twine = PythonClients.twineUpload(server.url() + "/legacy/", "__token__", token, markdown, rst);
        assertThat(twine.exitCode()).as(twine.describe()).isZero();

        // 4. Find it by search, from the home page's search box.
        browser.open(server.uri("/"));
        page.findElement(By.id("home-search")).sendKeys("journey");
        page.findElement(By.cssSelector("section.hero button[type=submit]")).click();
        waitFor(d -> d.getCurrentUrl().contains("/search/?q=journey"));
        page.findElement(By.linkText(PROJECT)).click();
        waitFor(d -> d.getCurrentUrl().endsWith("/project/" + PROJECT + "/"));
        assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo(PROJECT + " 2.0");

        // 5. Read both descriptions, rendered.
        WebElement restructured = page.findElement(By.cssSelector(".description"));
        assertThat(restructured.findElement(By.tagName("em")).getText()).isEqualTo("slowly");
        assertThat(restructured.findElements(By.tagName("li"))).extracting(WebElement::getText)
                .containsExactly("brie", "gouda");
        page.findElement(By.cssSelector("section[aria-labelledby=history]")).findElement(By.linkText("1.0")).click();
        waitFor(d -> d.getCurrentUrl().endsWith("/project/" + PROJECT + "/1.0/"));
        WebElement md = page.findElement(By.cssSelector(".description"));
        assertThat(md.findElement(By.cssSelector("table td strong")).getText()).isEqualTo("12 months");
        assertThat(md.findElement(By.tagName("h3")).getText()).isEqualTo("Journey");

        // 6. Add a Maintainer.
        browser.open(server.uri("/manage/project/" + PROJECT + "/"));
        page.findElement(By.id("add-username")).sendKeys(TestServer.BOB);
        button("Add").click();
        waitFor(d -> d.getCurrentUrl().endsWith("?done=role-added"));
        assertThat(page.findElement(By.cssSelector("section[aria-labelledby=roles] tbody")).getText())
                .contains("bob").contains("Maintainer");

        // 7. Yank 1.0 with a reason, and see the badge and the reason on its page.
        WebElement release = release("1.0");
        release.findElement(By.cssSelector("input[name=reason]")).sendKeys("Aged too briefly");
        release.findElement(By.cssSelector("button")).click();
        waitFor(d -> d.getCurrentUrl().endsWith("?done=yanked"));
        browser.open(server.uri("/project/" + PROJECT + "/1.0/"));
        assertThat(page.findElement(By.cssSelector("h1 .badge.yanked")).getText()).isEqualTo("Yanked");
        assertThat(page.findElement(By.cssSelector(".project-head")).getText()).contains("Reason: Aged too briefly");

        // 8. Delete 1.0's wheel, typing its name: a wrong name first deletes nothing.
        String wheel = markdown.getFileName().toString();
        browser.open(server.uri("/manage/project/" + PROJECT + "/"));
        release("1.0").findElement(By.partialLinkText("Delete")).click();
        waitFor(d -> !d.findElements(By.id("confirm-name")).isEmpty());
        page.findElement(By.id("confirm-name")).sendKeys("not-" + wheel);
        page.findElement(By.cssSelector("form button.danger")).click();
        waitFor(d -> !d.findElements(By.cssSelector("[role=alert]")).isEmpty());
        assertThat(page.findElement(By.cssSelector("[role=alert]")).getText()).isNotBlank();
        assertThat(Http.get(server.uri("/simple/" + PROJECT + "/")).text()).contains(wheel);
        page.findElement(By.id("confirm-name")).sendKeys(wheel);
        page.findElement(By.cssSelector("form button.danger")).click();
        waitFor(d -> d.getCurrentUrl().endsWith("?done=file-deleted"));
        assertThat(Http.get(server.uri("/simple/" + PROJECT + "/")).text()).doesNotContain(wheel);

        // 9. The project's history shows every change, newest first, by whom.
        browser.open(server.uri("/project/" + PROJECT + "/"));
        List<String> history = page.findElements(By.cssSelector("section[aria-labelledby=journal] tbody tr")).stream()
                .map(row -> row.findElements(By.tagName("td")).get(2).getText() + " by "
                        + row.findElements(By.tagName("td")).get(3).getText())
                .toList();
        assertThat(history).containsExactly(
                "1.0: remove file " + wheel + " by alice",
                "1.0: yank release by alice",
                "add Maintainer bob by alice",
                "2.0: add py3 file " + rst.getFileName() + " by alice",
                "2.0: new release by alice",
                "1.0: add py3 file " + wheel + " by alice",
                "1.0: new release by alice",
                "add Owner alice by alice",
                "create by alice");
    }

    /**
     * Waits until the browser shows what {@code condition} looks for: a click on a submit button
     * returns before the browser has sent the form and loaded the answer, so each step waits for
     * that answer (its address, or an element only it has) before the next one reads or leaves.
     */
    private static void waitFor(java.util.function.Function<WebDriver, Boolean> condition) {
        new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until(condition::apply);
    }

    private static WebElement button(String text) {
        return browser.driver().findElement(By.xpath("//main//button[normalize-space(.)='" + text + "']"));
    }

    /** The manage page's part for one release. */
    private static WebElement release(String version) {
        return browser.driver().findElements(By.cssSelector("article.release")).stream()
                .filter(a -> a.findElement(By.cssSelector("h3 a")).getText().equals(version)).findFirst().orElseThrow();
    }

    private static String metadata(String version, String contentType, String description) {
        return "Metadata-Version: 2.1\nName: " + PROJECT + "\nVersion: " + version + "\nSummary: A journey\n"
                + "Description-Content-Type: " + contentType + "\n\n" + description;
    }
}
