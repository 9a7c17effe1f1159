package dev.cheeseshop.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.store.sql.SqliteStores;
import dev.cheeseshop.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Accounts#login} over a real SQLite store: the order of throttle, gate and check, and what is counted. */
class LoginTest {
    private static final String HOST = "192.0.2.10";

    @TempDir
    Path tmp;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final VerificationGate gate = new VerificationGate(1, 0);
    private MetadataStore store;
    private Accounts accounts;

    @BeforeEach
    void open() throws UserProblem {
        store = SqliteStores.open(tmp.resolve("db"), 1);
        // Small Argon2 parameters: this test is about the order of things, not the cost.
        accounts = new Accounts(store, new PasswordHasher(64, 1, 1), clock, gate,
                new LoginThrottle(2, Duration.ofMinutes(1), clock));
        accounts.create("alice", null, "alice-password", false);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void rightAndWrongPasswordsAndUnknownUsers() {
        assertThat(accounts.login(HOST, "alice", "alice-password")).isInstanceOfSatisfying(Login.Accepted.class,
                a -> assertThat(a.user().username()).isEqualTo("alice"));
        assertThat(accounts.login(HOST, "ALICE", "alice-password")).isInstanceOf(Login.Accepted.class);
        assertThat(accounts.login(HOST, "alice", "alice-passwore")).isInstanceOf(Login.Refused.class);
        assertThat(accounts.login("192.0.2.11", "mallory", "alice-password")).isInstanceOf(Login.Refused.class);
    }

    @Test
    void whenTheGateIsFullTheLoginIsBusyAndNotCounted() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<?> occupant = CompletableFuture.runAsync(() -> gate.run(() -> {
            holding.countDown();
            try {
                return release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }));
        assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();

        for (int i = 0; i < 5; i++) {
            assertThat(accounts.login(HOST, "alice", "guess-" + i)).isInstanceOfSatisfying(Login.Busy.class,
                    b -> assertThat(Login.seconds(b.retryAfter())).isEqualTo(1));
        }
        release.countDown();
        occupant.get(30, TimeUnit.SECONDS);

        assertThat(accounts.login(HOST, "alice", "alice-password")).as("five busy answers counted nothing")
                .isInstanceOf(Login.Accepted.class);
    }

    @Test
    void aLockedOutLoginIsNotCheckedEvenWithTheRightPassword() {
        assertThat(accounts.login(HOST, "alice", "guess-1")).isInstanceOf(Login.Refused.class);
        clock.advance(Duration.ofSeconds(30));
        assertThat(accounts.login(HOST, "bob", "guess-2")).isInstanceOf(Login.Refused.class);

        assertThat(accounts.login(HOST, "alice", "alice-password")).isInstanceOfSatisfying(Login.Throttled.class,
                t -> assertThat(t.retryAfter()).isEqualTo(Duration.ofSeconds(30)));
        assertThat(accounts.login("192.0.2.99", "alice", "alice-password")).as("alice's own limit is not reached")
                .isInstanceOf(Login.Accepted.class);
        clock.advance(Duration.ofSeconds(30));
        assertThat(accounts.login(HOST, "alice", "alice-password")).isInstanceOf(Login.Accepted.class);
    }
}
