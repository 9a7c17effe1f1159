package dev.cheeseshop.upload;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cheeseshop.dist.TestArchives;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.TestServer;
import dev.cheeseshop.testing.Uploads;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A refusal carries its message twice, as pypi.org's does: in the reason phrase (which twine
 * prints) and in the body, rendered as Pyramid renders it for the client's Accept header.
 */
class ErrorResponseTest {
    private static final String BAD_REQUEST =
            "The server could not comply with the request since it is either malformed or otherwise incorrect.";
    private static final String MESSAGE = "Invalid value for filetype. Error: Use a known file type.";

    @TempDir
    static Path tmp;

    private static TestServer server;
    private static Path wheel;

    @BeforeAll
    static void start() throws IOException {
        server = TestServer.start();
        wheel = TestArchives.wheel("demo", "1.0").writeTo(tmp);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Http.Response refused(String accept) {
        return Uploads.wheel(wheel, "demo", "1.0").field("filetype", "bdist_egg").accept(accept).to(server);
    }

    @Test
    void twinesAcceptGetsPyramidsHtmlPage() {
        Http.Response response = refused("*/*");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.reason()).isEqualTo(MESSAGE);
        assertThat(response.header("Content-Type")).isEqualTo("text/html; charset=UTF-8");
        assertThat(response.text()).isEqualTo("<html>\n <head>\n  <title>400 " + MESSAGE + "</title>\n </head>\n"
                + " <body>\n  <h1>400 " + MESSAGE + "</h1>\n  " + BAD_REQUEST + "<br/><br/>\n" + MESSAGE
                + "\n\n\n </body>\n</html>");
    }

    @Test
    void jsonClientsGetPyramidsJsonObject() throws IOException {
        Http.Response response = refused("application/json");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.reason()).isEqualTo(MESSAGE);
        assertThat(response.header("Content-Type")).isEqualTo("application/json");
        JsonNode body = new ObjectMapper().readTree(response.body());
        assertThat(body.get("message").asText()).isEqualTo(BAD_REQUEST + "\n\n\n" + MESSAGE + "\n\n");
        assertThat(body.get("code").asText()).isEqualTo("400 " + MESSAGE);
        assertThat(body.get("title").asText()).isEqualTo("Bad Request");
    }

    @Test
    void theBodyKeepsTheWholeMessageEscapedAndTheReasonPhraseKeepsToLatin1() {
        Http.Response response = Uploads.wheel(wheel, "démo☃<b>", "1.0").accept("text/html").to(server);

        String message = "'démo☃<b>' is an invalid value for Name. Error: Start and end with a letter or numeral "
                + "containing only ASCII numeric and '.', '_' and '-'. See "
                + "https://packaging.python.org/specifications/core-metadata for more information.";
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.reason()).isEqualTo(message.replace('☃', '?'));
        String escaped = message.replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#x27;");
        assertThat(response.text()).contains("<br/><br/>\n" + escaped + "\n");
        // Pyramid would echo the status line raw into <title> and <h1>; we escape it too.
        String statusLine = "400 " + escaped.replace('☃', '?');
        assertThat(response.text()).contains("<title>" + statusLine + "</title>")
                .contains("<h1>" + statusLine + "</h1>")
                .doesNotContain("<b>");
    }
}
