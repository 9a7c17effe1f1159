package dev.cheeseshop.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.dist.TestArchives;
import dev.cheeseshop.index.PublicUrl;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.Backend;
import dev.cheeseshop.testing.TestServer;
import dev.cheeseshop.testing.Tokens;
import dev.cheeseshop.testing.Uploads;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A source index made by a real server (SQLite and files), with something in every table: three
 * projects of wheels and sdists, a yanked release, a removed file (its name stays in the filename
 * registry), a Maintainer, a scoped token, an administrator, a release in quarantine and download
 * counts, and release descriptions, rendered and fallen back to plain text.
 */
final class SourceIndex implements AutoCloseable {
    static final PublicUrl PUBLIC = PublicUrl.parse("https://pypi.example.org/");
    static final String ADMIN = "root";
    static final String ADMIN_PASSWORD = "root-password-333";

    final TestServer server;
    final String token;

    private SourceIndex(TestServer server, String token) {
        this.server = server;
        this.token = token;
    }

    static SourceIndex build(Path tmp) throws Exception {
        // The source is the embedded default, read from its data directory; the tests name the
        // other backends (PostgreSQL, S3) themselves, so on the postgres-s3 run they have nothing to add.
        Backend.assumeSqliteFiles("the migration's source is the embedded default in a data directory");
        TestServer server = TestServer.start(PUBLIC);
        try {
            server.app().accounts().create(ADMIN, "root@example.org", ADMIN_PASSWORD, true);
            upload(server, tmp, "Demo.Pkg", "1.0", true);
            upload(server, tmp, "Demo.Pkg", "1.1", true);
            upload(server, tmp, "other-proj", "0.1", false);
            upload(server, tmp, "third_one", "2.0b1", true);
            upload(server, tmp, "third_one", "2.0", false);
            String alice = Uploads.basic(TestServer.ALICE, TestServer.ALICE_PASSWORD);
            call(server, "POST", "/projects/demo-pkg/releases/1.0/yank", alice, "{\"reason\": \"broken\"}", 200);
            call(server, "DELETE", "/projects/demo-pkg/releases/1.1/files/"
                    + TestArchives.escaped("Demo.Pkg") + "-1.1.tar.gz", alice, null, 200);
            call(server, "PUT", "/projects/other-proj/roles/bob", alice, "{\"role\": \"Maintainer\"}", 201);
            call(server, "POST", "/projects/third-one/releases/2.0b1/quarantine",
                    Uploads.basic(ADMIN, ADMIN_PASSWORD), null, 200);
            String token = Tokens.secret(server, TestServer.ALICE, TestServer.ALICE_PASSWORD,
                    "{\"name\": \"ci\", \"projects\": [\"demo-pkg\"]}");
            String downloaded = server.app().store().read(tx -> tx.files()
                    .findByFilename(TestArchives.escaped("other-proj") + "-0.1-py3-none-any.whl")).orElseThrow().path();
            assertThat(Http.get(server.uri("/packages/" + downloaded)).status()).isEqualTo(200);
            assertThat(Http.get(server.uri("/packages/" + downloaded)).status()).isEqualTo(200);
            assertThat(server.app().downloads().flush()).as("one row: a file on a day").isEqualTo(1);
            return new SourceIndex(server, token);
        } catch (Exception | Error e) {
            server.close();
            throw e;
        }
    }

    private static void upload(TestServer server, Path tmp, String name, String version, boolean sdist)
            throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("archives").resolve(name + "-" + version));
        Path wheel = TestArchives.wheel(name, version).writeTo(dir);
        // Rendered descriptions (V10) in every shape: rendered, and fallen back to plain text with a note.
        String description = name.equals("other-proj") ? "Title\n===\n\n`unclosed" : "*" + name + "* caf\u00e9";
        assertThat(Uploads.wheel(wheel, name, version).field("description", description).to(server).status())
                .isEqualTo(200);
        if (sdist) {
            Path archive = TestArchives.sdist(name, version).writeTo(dir);
            assertThat(Uploads.sdist(archive, name, version).to(server).status()).isEqualTo(200);
        }
    }

    static Http.Response call(TestServer server, String method, String path, String authorization, String json,
            int expected) {
        List<String> headers = new ArrayList<>(List.of("Authorization", authorization));
        if (json != null) {
            headers.addAll(List.of("Content-Type", "application/json"));
        }
        Http.Response response = Http.send(method, server.uri("/api/v1" + path),
                json == null ? null : json.getBytes(StandardCharsets.UTF_8), headers.toArray(String[]::new));
        assertThat(response.status()).as(method + " " + path + ": " + response.text()).isEqualTo(expected);
        return response;
    }

    Path data() {
        return server.data();
    }

    @Override
    public void close() {
        server.close();
    }
}
