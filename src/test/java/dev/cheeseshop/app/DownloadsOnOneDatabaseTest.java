package dev.cheeseshop.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cheeseshop.dist.TestArchives;
import dev.cheeseshop.model.DistFile;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.S3Proxy;
import dev.cheeseshop.testing.ServerPair;
import dev.cheeseshop.testing.Uploads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two servers on one PostgreSQL database and one bucket share their download counts: each counts
 * the downloads it serves, each flush adds to the same row of a (file, day), and either server's
 * JSON API shows the sum once it has flushed (its counts' generation moved on).
 */
class DownloadsOnOneDatabaseTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path s3dir;

    @TempDir
    Path tmp;

    private static S3Proxy s3;
    private ServerPair pair;

    @BeforeAll
    static void startS3() throws Exception {
        s3 = S3Proxy.start(s3dir);
    }

    @AfterAll
    static void stopS3() {
        s3.close();
    }

    @AfterEach
    void stop() {
        if (pair != null) {
            pair.close();
        }
    }

    @Test
    void bothServersAddToTheSameCountsAndShowTheSum() throws Exception {
        pair = ServerPair.start(tmp.resolve("servers"), s3, Duration.ofHours(1), true);
        Path wheel = TestArchives.wheel("shared-pkg", "1.0").writeTo(Files.createDirectories(tmp.resolve("wheel")));
        Http.Response uploaded = Uploads.wheel(wheel, "shared-pkg", "1.0").to(ServerPair.uri(pair.a, "/legacy/"));
        assertThat(uploaded.status()).as(uploaded.text()).isEqualTo(200);
        DistFile file = pair.a.store().read(tx -> tx.files().findByFilename(wheel.getFileName().toString())).orElseThrow();
        assertThat(lastMonth(pair.b)).isZero();

        for (int i = 0; i < 3; i++) {
            assertThat(Http.get(ServerPair.uri(pair.a, "/packages/" + file.path())).status()).isEqualTo(200);
        }
        for (int i = 0; i < 2; i++) {
            assertThat(Http.get(ServerPair.uri(pair.b, "/packages/" + file.path())).status()).isEqualTo(200);
        }
        pair.a.downloads().flush();
        pair.b.downloads().flush();
        assertThat(lastMonth(pair.a)).isEqualTo(5);
        assertThat(lastMonth(pair.b)).isEqualTo(5);

        assertThat(Http.get(ServerPair.uri(pair.a, "/packages/" + file.path())).status()).isEqualTo(200);
        pair.a.downloads().flush();
        assertThat(lastMonth(pair.a)).isEqualTo(6);
        assertThat(lastMonth(pair.b)).as("B's counts' generation has not moved since").isEqualTo(5);
        pair.b.downloads().flush();
        assertThat(lastMonth(pair.b)).isEqualTo(6);

        List<Long> rows = new ArrayList<>();
        try (Connection conn = pair.database.connect(); Statement st = conn.createStatement();
                ResultSet rs = st.executeQuery("SELECT downloads FROM download_counts WHERE file_id = " + file.id())) {
            while (rs.next()) {
                rows.add(rs.getLong(1));
            }
        }
        assertThat(rows.stream().mapToLong(Long::longValue).sum()).isEqualTo(6);
        assertThat(rows.size()).as("one row per file and day: one, or two if the test ran over midnight")
                .isBetween(1, 2);
    }

    private static long lastMonth(Application server) throws Exception {
        Http.Response response = Http.get(ServerPair.uri(server, "/pypi/shared-pkg/json"));
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        JsonNode doc = JSON.readTree(response.body());
        return doc.get("info").get("downloads").get("last_month").asLong();
    }
}
