package dev.cheeseshop.clients;

import static dev.cheeseshop.testing.TestServer.ALICE;
import static dev.cheeseshop.testing.TestServer.ALICE_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.dist.TestArchives;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.IndexState;
import dev.cheeseshop.testing.Processes;
import dev.cheeseshop.testing.PythonClients;
import dev.cheeseshop.testing.TestServer;
import dev.cheeseshop.testing.Tokens;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** twine, the real one, with an API token as the password of {@code __token__}, as pypi.org documents. */
class TwineTokenUploadTest {
    @TempDir
    Path tmp;

    @Test
    void twineUploadsWithAScopedTokenAndIsRefusedOutsideItsScope() throws Exception {
        try (TestServer server = TestServer.start()) {
            Path first = TestArchives.wheel("twine-token", "1.0").writeTo(Files.createDirectories(tmp.resolve("a")));
            Processes.Result created = PythonClients.twineUpload(server.url() + "/legacy/", ALICE, ALICE_PASSWORD, first);
            assertThat(created.exitCode()).as(created.describe()).isZero();
            String token = Tokens.secret(server, ALICE, ALICE_PASSWORD,
                    "{\"name\": \"twine\", \"projects\": [\"twine-token\"]}");

            Path wheel = TestArchives.wheel("twine-token", "2.0").writeTo(Files.createDirectories(tmp.resolve("b")));
            Path sdist = TestArchives.sdist("twine-token", "2.0").writeTo(Files.createDirectories(tmp.resolve("b")));
            Processes.Result uploaded = PythonClients.twineUpload(server.url() + "/legacy/", "__token__", token,
                    wheel, sdist);

            assertThat(uploaded.exitCode()).as(uploaded.describe()).isZero();
            assertThat(Http.get(server.uri("/simple/twine-token/")).text())
                    .contains("twine_token-2.0-py3-none-any.whl", "twine_token-2.0.tar.gz");

            Path other = TestArchives.wheel("twine-other", "1.0").writeTo(Files.createDirectories(tmp.resolve("c")));
            IndexState before = IndexState.of(server);
            Processes.Result refused = PythonClients.twineUpload(server.url() + "/legacy/", "__token__", token, other);
            assertThat(refused.exitCode()).as(refused.describe()).isNotZero();
            assertThat(refused.stdout() + refused.stderr()).contains("403")
                    .contains("Invalid API Token: token is scoped to project(s) 'twine-token'");
            assertThat(IndexState.of(server)).isEqualTo(before);
        }
    }
}
