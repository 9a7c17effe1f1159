package dev.cheeseshop.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import ch.qos.logback.classic.Level;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.LogCapture;
import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A failed request is logged with its path, and the path is the client's text: line breaks and
 * control characters in it are logged as escapes ({@link LogSafeTest} has them all), so they
 * cannot forge lines.
 */
class FailureLogTest {
    private final Logger log = (Logger) LoggerFactory.getLogger(Router.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        logged.start();
        log.addAppender(logged);
        log.setAdditive(false); // the expected stack trace stays out of the build's output
        server = new HttpServer("127.0.0.1", 0, new Routes().get("/boom/{rest*}", ex -> {
            throw new IllegalStateException("the handler failed");
        }));
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        log.detachAppender(logged);
        log.setAdditive(true);
    }

    @Test
    void unicodeLineBreaksInTheLoggedPathAreEscaped() {
        // U+0085 (NEL, a C1 control) and U+2028 (LINE SEPARATOR): Jetty lets them through, decoded.
        Http.Response response = Http.get(URI.create(server.uri() + "boom/x%C2%8512:00:00.000%20ERROR%20forged%E2%80%A8y"));

        assertThat(response.status()).isEqualTo(500);
        assertThat(logged.list).singleElement().satisfies(event -> {
            String line = event.getFormattedMessage();
            assertThat(line).startsWith("request GET /boom/x\\u008512:00:00.000 ERROR forged\\u2028y failed (error id ");
            assertThat(line).doesNotContain("\u0085", "\u2028");
        });
    }

    @Test
    void aFailureIsLoggedOnceWithTheIdTheClientSeesAndTheAccessLogNames() {
        try (LogCapture access = new LogCapture(AccessLog.class, Level.INFO);
                LogCapture failures = new LogCapture(Router.class, Level.ERROR)) {
            Http.Response response = Http.get(URI.create(server.uri() + "boom/now"));

            assertThat(response.status()).isEqualTo(500);
            Matcher shown = Pattern.compile("^500 Internal Server Error \\(error id (\\S+)\\)$").matcher(response.text());
            assertThat(shown.matches()).as(response.text()).isTrue();
            String id = shown.group(1);
            assertThat(response.header("X-Request-Id")).isEqualTo(id);
            assertThat(response.text()).doesNotContain("the handler failed", "IllegalStateException");
            assertThat(failures.all()).singleElement().satisfies(event -> {
                assertThat(event.getFormattedMessage()).isEqualTo("request GET /boom/now failed (error id " + id + ")");
                assertThat(event.getMDCPropertyMap()).containsEntry("request_id", id);
                assertThat(event.getThrowableProxy().getMessage()).isEqualTo("the handler failed");
            });
            ILoggingEvent line = access.await(event -> event.getFormattedMessage().contains("\"GET /boom/now "));
            assertThat(line.getFormattedMessage()).matches(".*\" 500 \\S+ \"-\" \"[^\"]*\" " + Pattern.quote(id) + " \\d+ms");
        }
    }

    /** Jetty refuses encoded C0 controls in a path outright: such a request reaches no handler and no log. */
    @Test
    void anEncodedLineFeedOrCarriageReturnIsRefusedBeforeAnyHandler() {
        for (String path : new String[] {"boom/x%0AERROR%20forged", "boom/x%0D%0AERROR%20forged", "boom/x%1B%5B31m"}) {
            assertThat(Http.get(URI.create(server.uri() + path)).status()).as(path).isEqualTo(400);
        }
        assertThat(logged.list).isEmpty();
    }
}
