package dev.cheeseshop.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.dist.TestArchives;
import dev.cheeseshop.testing.HtmlChecks;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.Seed;
import dev.cheeseshop.testing.TestServer;
import dev.cheeseshop.testing.Uploads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.cheeseshop.index.ProjectOverviews;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /project/<name>/} and {@code /project/<name>/<version>/} show what a person needs to
 * choose a release: the install command for this index, the sidebar (links, licence, Python,
 * maintainers, classifiers), the releases, the files with their sizes and sha256, and the
 * project's journal; at pypi.org's URL shapes, with its redirects, as valid accessible HTML.
 */
class ProjectPageTest {
    @TempDir
    static Path tmp;
    static TestServer server;
    static Path wheel10;
    static Path wheel20;

    @BeforeAll
    static void upload() throws IOException {
        server = TestServer.start();
        wheel10 = TestArchives.wheel("Demo.Pkg", "1.0").writeTo(Files.createDirectories(tmp.resolve("a")));
        wheel20 = TestArchives.wheel("Demo.Pkg", "2.0").writeTo(Files.createDirectories(tmp.resolve("b")));
        assertThat(Uploads.wheel(wheel10, "Demo.Pkg", "1.0").field("summary", "The first one").to(server).status())
                .isEqualTo(200);
        Http.Response second = Uploads.wheel(wheel20, "Demo.Pkg", "2.0")
                .field("summary", "A <demo> package & more")
                .field("license", "MIT")
                .field("requires_python", ">=3.9")
                .field("keywords", "demo, cheese")
                .field("author", "Alice Example")
                .add("classifiers", "Programming Language :: Python :: 3")
                .add("classifiers", "License :: OSI Approved :: MIT License")
                .add("project_urls", "Homepage, https://example.org/demo")
                .add("project_urls", "Evil, javascript:alert(1)")
                .field("description", "Plain words <b>not bold</b>")
                .field("description_content_type", "text/plain")
                .to(server);
        assertThat(second.status()).as(second.text()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theProjectPageShowsTheNewestReleaseWithItsInstallCommandSidebarFilesAndHistory() throws IOException {
        Http.Response page = Http.get(server.uri("/project/demo-pkg/"));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).isEqualToIgnoringCase("text/html; charset=utf-8");
        assertThat(page.header("Content-Security-Policy")).contains("default-src 'none'").contains("script-src 'self'");
        Document doc = HtmlChecks.valid(page.text());
        assertThat(doc.selectFirst("h1").text()).isEqualTo("Demo.Pkg 2.0");
        assertThat(doc.selectFirst(".summary").text()).isEqualTo("A <demo> package & more");
        assertThat(doc.selectFirst(".install pre").wholeText())
                .isEqualTo("pip install --index-url " + server.url() + "/simple/ Demo.Pkg");

        Element aside = doc.selectFirst("aside");
        assertThat(aside.select("a[href=https://example.org/demo]").text()).isEqualTo("Homepage");
        assertThat(aside.select("a").eachAttr("href")).noneSatisfy(href -> assertThat(href).containsIgnoringCase("javascript"));
        assertThat(aside.text()).contains("Evil: javascript:alert(1)").contains("MIT").contains(">=3.9")
                .contains("Alice Example").contains("demo, cheese");
        assertThat(aside.select("a[href^=/user/]").eachText()).containsExactly("alice");
        assertThat(aside.select(".classifiers li").eachText()).containsExactly(
                "License :: OSI Approved :: MIT License", "Programming Language :: Python :: 3");
        assertThat(aside.select(".classifiers a").first().attr("href"))
                .isEqualTo("/search/?c=License+%3A%3A+OSI+Approved+%3A%3A+MIT+License");

        assertThat(doc.select("section[aria-labelledby=description] pre").text()).isEqualTo("Plain words <b>not bold</b>");
        assertThat(doc.select("section[aria-labelledby=description] b")).isEmpty();

        assertThat(doc.select("section[aria-labelledby=history] li a").eachText()).containsExactly("2.0", "1.0");
        assertThat(doc.select("section[aria-labelledby=history] li a[aria-current=page]").text()).isEqualTo("2.0");

        Element file = doc.selectFirst("section[aria-labelledby=files] tbody tr");
        String filename = wheel20.getFileName().toString();
        byte[] bytes = Files.readAllBytes(wheel20);
        assertThat(file.selectFirst("a").text()).isEqualTo(filename);
        assertThat(file.selectFirst(".hash").text()).isEqualTo("SHA256: " + Seed.sha256(bytes));
        assertThat(file.select("a").eachText()).contains("Metadata");
        assertThat(file.select("td.num").text()).isEqualTo(Formats.size(bytes.length));
        Http.Response download = Http.get(server.uri(file.selectFirst("a").attr("href").replaceAll("#.*", "")));
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(bytes);
        String metadataHref = file.select("a").stream().filter(a -> a.text().equals("Metadata")).findFirst()
                .orElseThrow().attr("href");
        assertThat(Http.get(server.uri(metadataHref)).text()).contains("Name: Demo.Pkg");

        List<String> journal = doc.select("section[aria-labelledby=journal] tbody tr td:nth-child(3)").eachText();
        // Newest first; another test of this class may have yanked 1.0 since (an entry on top).
        assertThat(journal).endsWith("2.0: add py3 file " + filename, "2.0: new release",
                "1.0: add py3 file " + wheel10.getFileName(), "1.0: new release", "add Owner alice", "create");
    }

    @Test
    void markdownAndRestructuredTextDescriptionsAreRenderedAndSanitised() throws IOException {
        Path md = TestArchives.wheel("described", "1.0").writeTo(Files.createDirectories(tmp.resolve("md")));
        assertThat(Uploads.wheel(md, "described", "1.0").field("description_content_type", "text/markdown")
                .field("description", "# Title\n\n| a | b |\n|---|---|\n| **1** | 2 |\n\n<script>alert(1)</script>"
                        + "\n\n[x](javascript:alert(2))\n").to(server).status()).isEqualTo(200);
        Document markdown = HtmlChecks.valid(Http.get(server.uri("/project/described/1.0/")).text());
        Element body = markdown.selectFirst(".description");
        assertThat(body.select("table td strong").text()).isEqualTo("1");
        assertThat(body.select("script")).isEmpty();
        assertThat(body.select("a").eachAttr("href")).noneSatisfy(h -> assertThat(h).containsIgnoringCase("javascript"));

        Path rst = TestArchives.wheel("described", "2.0").writeTo(Files.createDirectories(tmp.resolve("rst")));
        assertThat(Uploads.wheel(rst, "described", "2.0").field("description_content_type", "text/x-rst")
                .field("description", "Intro\n=====\n\nSome *emphasis* and ``code``.\n\n- one\n- two\n")
                .to(server).status()).isEqualTo(200);
        Element rendered = HtmlChecks.valid(Http.get(server.uri("/project/described/2.0/")).text())
                .selectFirst(".description");
        assertThat(rendered.select("em").text()).isEqualTo("emphasis");
        assertThat(rendered.select("li").eachText()).containsExactly("one", "two");

        Path broken = TestArchives.wheel("described", "3.0").writeTo(Files.createDirectories(tmp.resolve("bad")));
        assertThat(Uploads.wheel(broken, "described", "3.0").field("description_content_type", "text/x-rst")
                .field("description", "Title\n===\n\n`unclosed").to(server).status()).isEqualTo(200);
        Http.Response fallback = Http.get(server.uri("/project/described/3.0/"));
        assertThat(fallback.status()).isEqualTo(200);
        Document plain = HtmlChecks.valid(fallback.text());
        assertThat(plain.select("section[aria-labelledby=description] .notice").text())
                .contains("could not be rendered as reStructuredText");
        assertThat(plain.select(".description pre").text()).contains("`unclosed");
    }

    @Test
    void anOlderReleaseHasItsOwnPageWithAPinnedInstallCommandAndItsYankBadge() {
        new Seed(server).yank("demo-pkg", "1.0", "Broken <on> Windows");
        Document doc = HtmlChecks.valid(Http.get(server.uri("/project/demo-pkg/1.0/")).text());
        assertThat(doc.selectFirst("h1").text()).isEqualTo("Demo.Pkg 1.0 Yanked");
        assertThat(doc.selectFirst(".install pre").wholeText())
                .isEqualTo("pip install --index-url " + server.url() + "/simple/ Demo.Pkg==1.0");
        assertThat(doc.select(".notice").text()).contains("not the newest release").contains("yanked")
                .contains("Reason: Broken <on> Windows");
        assertThat(doc.select("section[aria-labelledby=history] li").get(1).text()).contains("1.0").contains("Yanked");
        assertThat(doc.select("section[aria-labelledby=description]").text())
                .contains("has not provided a project description");
    }

    @Test
    void namesNotInNormalFormAndPathsWithoutTheirSlashAreRedirectedAsOnPypi() {
        assertRedirect("/project/Demo.Pkg/", "/project/demo-pkg/");
        assertRedirect("/project/DEMO_pkg/2.0/", "/project/demo-pkg/2.0/");
        assertRedirect("/project/demo-pkg", "/project/demo-pkg/");
        assertRedirect("/project/demo-pkg/2.0", "/project/demo-pkg/2.0/");
        assertRedirect("/user/alice", "/user/alice/");
    }

    @Test
    void whatIsNotThereIsAnHtmlPageWithA404() {
        for (String path : List.of("/project/nothing-here/", "/project/demo-pkg/9.9/", "/project/demo-pkg/not-a-version/",
                "/user/nobody/")) {
            Http.Response missing = Http.get(server.uri(path));
            assertThat(missing.status()).as(path).isEqualTo(404);
            Document doc = HtmlChecks.valid(missing.text());
            assertThat(doc.selectFirst("h1").text()).isEqualTo("Not found");
        }
    }

    @Test
    void aPageCarriesItsSerialAndETagAndChangesWithTheJournal() throws IOException {
        Path one = TestArchives.wheel("changing", "1.0").writeTo(Files.createDirectories(tmp.resolve("c1")));
        assertThat(Uploads.wheel(one, "changing", "1.0").to(server).status()).isEqualTo(200);
        Http.Response first = Http.get(server.uri("/project/changing/"));
        String etag = first.header("ETag");
        assertThat(Http.get(server.uri("/project/changing/"), "If-None-Match", etag).status()).isEqualTo(304);
        Path wheel = TestArchives.wheel("changing", "2.1").writeTo(Files.createDirectories(tmp.resolve("c2")));
        assertThat(Uploads.wheel(wheel, "changing", "2.1").to(server).status()).isEqualTo(200);
        Http.Response changed = Http.get(server.uri("/project/changing/"), "If-None-Match", etag);
        assertThat(changed.status()).isEqualTo(200);
        assertThat(Long.parseLong(changed.header("X-PyPI-Last-Serial")))
                .isGreaterThan(Long.parseLong(first.header("X-PyPI-Last-Serial")));
        assertThat(HtmlChecks.valid(changed.text()).selectFirst("h1").text()).isEqualTo("changing 2.1");
    }

    @Test
    void aLongHistoryIsOnePageAwayAHundredEntriesAtATimeOldestFirst() {
        Instant at = Instant.parse("2026-10-01T00:00:00Z");
        Seed seed = new Seed(server);
        for (int i = 0; i < 120; i++) {
            seed.release("Long_History", "0." + i, Map.of(), at.plusSeconds(i));
        }
        Document project = HtmlChecks.valid(Http.get(server.uri("/project/long-history/")).text());
        assertThat(project.select("section[aria-labelledby=journal] tbody tr")).hasSize(ProjectOverviews.HISTORY);
        String whole = project.selectFirst("a:contains(The whole history)").attr("href");
        assertThat(whole).isEqualTo("/project/long-history/history/");

        Document first = HtmlChecks.valid(Http.get(server.uri(whole)).text());
        List<String> changes = first.select("tbody tr td:nth-child(3)").eachText();
        assertThat(changes).hasSize(100).startsWith("create", "0.0: new release", "0.1: new release");
        String next = first.selectFirst("a[rel=next]").attr("href");
        Document second = HtmlChecks.valid(Http.get(server.uri(next)).text());
        assertThat(second.select("tbody tr td:nth-child(3)").eachText()).hasSize(21).endsWith("0.119: new release");
        assertThat(second.select("a[rel=next]")).isEmpty();

        assertRedirect("/project/Long_History/history/?after=5", "/project/long-history/history/?after=5");
        assertThat(Http.get(server.uri("/project/long-history/history/?after=x")).status()).isEqualTo(404);
        assertThat(Http.get(server.uri("/project/nothing-here/history/")).status()).isEqualTo(404);
    }

    @Test
    void aUsersPageListsTheirProjectsAndRoles() throws IOException {
        Path wheel = TestArchives.wheel("bobs", "1.0").writeTo(Files.createDirectories(tmp.resolve("bob")));
        assertThat(Uploads.wheel(wheel, "bobs", "1.0").credentials(TestServer.BOB, TestServer.BOB_PASSWORD).to(server)
                .status()).isEqualTo(200);
        Document doc = HtmlChecks.valid(Http.get(server.uri("/user/bob/")).text());
        assertThat(doc.selectFirst("h1").text()).isEqualTo("bob");
        assertThat(doc.select("ul.packages li").eachText()).containsExactly("bobs Owner");
        assertThat(doc.select("ul.packages a").eachAttr("href")).containsExactly("/project/bobs/");
    }

    @Test
    void theAssetsAreServedFromThisServerForAYear() {
        Document doc = HtmlChecks.valid(Http.get(server.uri("/")).text());
        for (String href : List.of(doc.selectFirst("link[rel=stylesheet]").attr("href"),
                doc.selectFirst("script[src]").attr("src"), doc.selectFirst("link[rel=icon]").attr("href"))) {
            Http.Response asset = Http.get(server.uri(href));
            assertThat(asset.status()).as(href).isEqualTo(200);
            assertThat(asset.header("Cache-Control")).contains("immutable");
            assertThat(asset.body()).isNotEmpty();
        }
        assertThat(Http.get(server.uri("/static/cheeseshop.css")).status()).isEqualTo(404);
        assertThat(Http.get(server.uri("/static/..%2F..%2Fpom.xml")).status()).isIn(400, 404);
    }

    private static void assertRedirect(String from, String to) {
        Http.Response response = Http.get(server.uri(from));
        assertThat(response.status()).as(from).isEqualTo(301);
        assertThat(response.header("Location")).as(from).isEqualTo(to);
    }
}
