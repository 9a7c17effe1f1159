package dev.cheeseshop.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.LogCapture;
import dev.cheeseshop.testing.TestServer;
import dev.cheeseshop.testing.Tokens;
import dev.cheeseshop.testing.Uploads;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.logstash.logback.encoder.LogstashEncoder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One access log line per request, in the combined log format followed by the request's id and
 * its duration, and as JSON through the encoder {@code --log-format json} uses: with the
 * authenticated user, never a password, a token or the Authorization header.
 */
class AccessLogTest {
    /** The combined log format, then the request id and the duration; quoted fields escape their quotes. */
    private static final Pattern COMBINED = Pattern.compile("^(\\S+) - (\\S+) \\[([^\\]]+)] \"((?:[^\"\\\\]|\\\\.)*)\""
            + " (\\d{3}) (\\d+|-) \"((?:[^\"\\\\]|\\\\.)*)\" \"((?:[^\"\\\\]|\\\\.)*)\" (\\S+) (\\d+)ms$");
    private static final DateTimeFormatter CLF_TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static TestServer server;
    private LogCapture log;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void capture() {
        log = new LogCapture(AccessLog.class, Level.INFO);
    }

    @AfterEach
    void release() {
        log.close();
    }

    private ILoggingEvent lineOf(Http.Response response) {
        String id = response.header("X-Request-Id");
        assertThat(id).as("every answer names its request id").isNotBlank();
        return log.await(event -> event.getFormattedMessage().contains(" " + id + " "));
    }

    private static Matcher parsed(ILoggingEvent event) {
        Matcher m = COMBINED.matcher(event.getFormattedMessage());
        assertThat(m.matches()).as(event.getFormattedMessage()).isTrue();
        return m;
    }

    @Test
    void anAnonymousRequestIsOneCombinedLineWithItsIdAndDuration() {
        Http.Response response = Http.get(server.uri("/simple/?q=1"), "User-Agent", "pip/24.0 \"quoted\"",
                "Referer", "http://example.org/");

        Matcher line = parsed(lineOf(response));

        assertThat(line.group(1)).isEqualTo("127.0.0.1");
        assertThat(line.group(2)).as("no user").isEqualTo("-");
        assertThat(ZonedDateTime.parse(line.group(3), CLF_TIME).getOffset().getTotalSeconds()).isZero();
        assertThat(line.group(4)).isEqualTo("GET /simple/?q=1 HTTP/1.1");
        assertThat(line.group(5)).isEqualTo(Integer.toString(response.status()));
        assertThat(line.group(6)).isEqualTo(Integer.toString(response.body().length));
        assertThat(line.group(7)).isEqualTo("http://example.org/");
        assertThat(line.group(8)).isEqualTo("pip/24.0 \\\"quoted\\\"");
        assertThat(line.group(9)).isEqualTo(response.header("X-Request-Id"));
        assertThat(log.all()).filteredOn(e -> e.getFormattedMessage().contains(" " + line.group(9) + " "))
                .as("one line per request").hasSize(1);
    }

    @Test
    void anAuthenticatedRequestNamesTheUserAndNoSecret() throws Exception {
        Http.Response withPassword = Http.get(server.uri("/api/v1/tokens"), "Authorization",
                Uploads.basic(TestServer.ALICE, TestServer.ALICE_PASSWORD));
        assertThat(withPassword.status()).isEqualTo(200);
        String token = Tokens.secret(server, TestServer.BOB, TestServer.BOB_PASSWORD, "{\"name\": \"ci\"}");
        Http.Response withToken = Http.get(server.uri("/api/v1/tokens"), "Authorization", Tokens.bearer(token));
        assertThat(withToken.status()).isEqualTo(200);
        Http.Response refused = Http.get(server.uri("/api/v1/tokens"), "Authorization",
                Uploads.basic(TestServer.ALICE, "not-" + TestServer.ALICE_PASSWORD));

        assertThat(parsed(lineOf(withPassword)).group(2)).isEqualTo(TestServer.ALICE);
        assertThat(parsed(lineOf(withToken)).group(2)).isEqualTo(TestServer.BOB);
        Matcher refusedLine = parsed(lineOf(refused));
        assertThat(refusedLine.group(2)).as("a refused login is no user").isEqualTo("-");
        assertThat(refusedLine.group(5)).isEqualTo(Integer.toString(refused.status()));

        LogstashEncoder encoder = encoder();
        for (ILoggingEvent event : log.all()) {
            String json = new String(encoder.encode(event), java.nio.charset.StandardCharsets.UTF_8);
            for (String text : new String[] {event.getFormattedMessage(), String.valueOf(event.getKeyValuePairs()), json}) {
                assertThat(text).doesNotContain(TestServer.ALICE_PASSWORD, TestServer.BOB_PASSWORD, token,
                        Uploads.basic(TestServer.ALICE, TestServer.ALICE_PASSWORD).substring("Basic ".length()),
                        "Authorization", "Bearer");
            }
        }
    }

    @Test
    void asJsonEachLineHasTheIdUserStatusBytesAndTime() throws Exception {
        Http.Response response = Http.get(server.uri("/api/v1/tokens"), "Authorization",
                Uploads.basic(TestServer.ALICE, TestServer.ALICE_PASSWORD));
        ILoggingEvent event = lineOf(response);

        JsonNode line = JSON.readTree(encoder().encode(event));

        assertThat(line.get("request_id").asText()).isEqualTo(response.header("X-Request-Id"));
        assertThat(line.get("user").asText()).isEqualTo(TestServer.ALICE);
        assertThat(line.get("status").asInt()).isEqualTo(200);
        assertThat(line.get("bytes").asLong()).isEqualTo(response.body().length);
        assertThat(line.get("method").asText()).isEqualTo("GET");
        assertThat(line.get("uri").asText()).isEqualTo("/api/v1/tokens");
        assertThat(line.get("duration_ms").isIntegralNumber()).isTrue();
        assertThat(line.get("@timestamp").asText()).isNotBlank();
        assertThat(line.get("message").asText()).isEqualTo(event.getFormattedMessage());
    }

    private static LogstashEncoder encoder() {
        LogstashEncoder encoder = new LogstashEncoder();
        encoder.setContext((ch.qos.logback.classic.LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory());
        encoder.start();
        return encoder;
    }
}
