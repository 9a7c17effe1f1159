package dev.cheeseshop.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command line's {@code postgresql://USER@HOST[:PORT]/DB}: what it takes and what it refuses. */
class PostgresUrlTest {
    @Test
    void theFullFormGivesTheDriversUrlAndTheUser() {
        PostgresUrl url = PostgresUrl.parse("postgresql://cheese@db.example.org:6543/index");
        assertThat(url).isEqualTo(new PostgresUrl("cheese", "db.example.org", 6543, "index", null));
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.org:6543/index");
        assertThat(url).hasToString("postgresql://cheese@db.example.org:6543/index");
    }

    @Test
    void thePortDefaultsTo5432AndPostgresIsTheSameScheme() {
        assertThat(PostgresUrl.parse("postgres://cheese@localhost/index").jdbcUrl())
                .isEqualTo("jdbc:postgresql://localhost:5432/index");
    }

    @Test
    void anIpv6HostAndAnSslModeAreKept() {
        PostgresUrl url = PostgresUrl.parse("postgresql://cheese@[::1]:5433/index?sslmode=verify-full");
        assertThat(url.host()).isEqualTo("::1");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:5433/index?sslmode=verify-full");
    }

    @Test
    void escapedNamesAreDecodedAndTheDatabaseIsEncodedForTheDriver() {
        PostgresUrl url = PostgresUrl.parse("postgresql://ci%40corp@localhost/my%20index");
        assertThat(url.user()).isEqualTo("ci@corp");
        assertThat(url.database()).isEqualTo("my index");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/my+index");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "mysql://cheese@localhost/index | expected postgresql://USER@HOST[:PORT]/DB",
        "postgresql://localhost/index | a user is required",
        "postgresql://cheese@localhost | a database name is required",
        "postgresql://cheese@localhost/ | a database name is required",
        "postgresql://cheese@localhost/a/b | a database name is required",
        "postgresql://cheese@localhost:99999/index | the port must be 1 to 65535",
        "postgresql:///index | with a host name",
        "postgresql://cheese@localhost/index?user=other | the only query parameter taken is sslmode",
        "postgresql://cheese@localhost/index?sslmode=maybe | sslmode must be one of",
        "postgresql://cheese@localhost/index#x | fragment",
        "postgresql://cheese@local host/index | not a valid URL",
    })
    void malformedUrlsAreRefusedWithTheReason(String value, String reason) {
        assertThatThrownBy(() -> PostgresUrl.parse(value)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void aPasswordInTheUrlIsRefusedWithoutRepeatingIt() {
        assertThatThrownBy(() -> PostgresUrl.parse("postgresql://cheese:hunter2@localhost/index"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a password in the URL is refused")
                .hasMessageContaining("CHEESESHOP_DATABASE_PASSWORD")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
        assertThatThrownBy(() -> PostgresUrl.parse("postgresql://cheese:hunter 2@localhost/index"))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter"));
    }
}
