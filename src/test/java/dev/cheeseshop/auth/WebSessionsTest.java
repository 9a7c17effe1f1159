package dev.cheeseshop.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.model.User;
import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.store.SessionStore;
import dev.cheeseshop.store.Transaction;
import dev.cheeseshop.store.sql.SqliteStores;
import dev.cheeseshop.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Browser logins against a real SQLite store, a failed-login throttle and a clock the test moves. */
class WebSessionsTest {
    private static final String CLIENT = "192.0.2.1";
    private static final Instant T0 = Instant.parse("2026-03-04T05:06:07Z");
    private static final String PASSWORD = "alice-password-1";
    private static final Duration IDLE = Duration.ofHours(12);
    private static final Duration ABSOLUTE = Duration.ofDays(7);
    private static final Duration MICRO = Duration.ofNanos(1000);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0);
    private MetadataStore store;
    private Accounts accounts;
    private WebSessions sessions;
    private User alice;
    private User bob;

    @BeforeEach
    void open() throws UserProblem {
        store = SqliteStores.open(dir.resolve("db.sqlite"), 2);
        accounts = new Accounts(store, new PasswordHasher(64, 1, 1), clock, new VerificationGate(2, 2),
                new LoginThrottle(3, Duration.ofMinutes(1), clock));
        alice = accounts.create("alice", null, PASSWORD, false);
        bob = accounts.create("bob", null, "bob-password-22", false);
        sessions = new WebSessions(store, accounts, clock, WebSessions.Lifetimes.DEFAULT);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private WebSessions.LoginResult.Started logIn(String username, String password) {
        return (WebSessions.LoginResult.Started) sessions.logIn(CLIENT, username, password);
    }

    @Test
    void theDefaultsAreTwelveHoursIdleAndSevenDays() {
        assertThat(WebSessions.Lifetimes.DEFAULT).isEqualTo(new WebSessions.Lifetimes(IDLE, ABSOLUTE));
    }

    @Test
    void aLoginStartsASessionOfWhichOnlyTheCookiesDigestIsStored() throws Exception {
        WebSessions.LoginResult.Started started = logIn("ALICE", PASSWORD);

        assertThat(started.cookieValue()).matches("[A-Za-z0-9_-]{43}");
        assertThat(started.csrfToken()).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(started.cookieValue());
        assertThat(started.user().id()).isEqualTo(alice.id());
        assertThat(started.session().created()).isEqualTo(T0);
        assertThat(started.session().expires()).isEqualTo(T0.plus(IDLE));
        assertThat(started.toString()).doesNotContain(started.cookieValue(), started.csrfToken());
        List<List<String>> rows = rows("SELECT user_id, digest, csrf_token, created, last_seen, expires, expires_max"
                + " FROM web_sessions");
        long t0 = T0.getEpochSecond() * 1_000_000;
        assertThat(rows).containsExactly(List.of(String.valueOf(alice.id()), sha256Hex(started.cookieValue()),
                started.csrfToken(), String.valueOf(t0), String.valueOf(t0), String.valueOf(t0 + 12L * 3600 * 1_000_000),
                String.valueOf(t0 + 7L * 86400 * 1_000_000)));
        assertThat(rows.toString()).doesNotContain(started.cookieValue());
    }

    @Test
    void eachLoginHasItsOwnSecretAndToken() {
        WebSessions.LoginResult.Started one = logIn("alice", PASSWORD);
        WebSessions.LoginResult.Started two = logIn("alice", PASSWORD);

        assertThat(two.cookieValue()).isNotEqualTo(one.cookieValue());
        assertThat(two.csrfToken()).isNotEqualTo(one.csrfToken());
        assertThat(two.session().id()).isNotEqualTo(one.session().id());
    }

    @Test
    void aWrongPasswordOrAnUnknownUserIsRefusedAndCreatesNothing() throws Exception {
        assertThat(sessions.logIn(CLIENT, "alice", PASSWORD + "x")).isEqualTo(new WebSessions.LoginResult.Refused());
        assertThat(sessions.logIn(CLIENT, "nobody", PASSWORD)).isEqualTo(new WebSessions.LoginResult.Refused());
        assertThat(sessions.logIn(CLIENT, null, null)).isEqualTo(new WebSessions.LoginResult.Refused());
        assertThat(rows("SELECT id FROM web_sessions")).isEmpty();
    }

    @Test
    void aDisabledUsersRightPasswordIsRefused() throws Exception {
        store.write((Transaction tx) -> tx.users().setDisabledAt(alice.id(), T0));

        assertThat(sessions.logIn(CLIENT, "alice", PASSWORD)).isEqualTo(new WebSessions.LoginResult.Refused());
        assertThat(rows("SELECT id FROM web_sessions")).isEmpty();
    }

    @Test
    void pastTheFailedLoginLimitTheRightPasswordIsThrottledAndCreatesNothing() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(sessions.logIn(CLIENT, "alice", "guess-" + i)).isInstanceOf(WebSessions.LoginResult.Refused.class);
        }
        clock.advance(Duration.ofSeconds(20));

        assertThat(sessions.logIn(CLIENT, "alice", PASSWORD))
                .isEqualTo(new WebSessions.LoginResult.Throttled(Duration.ofSeconds(40)));
        assertThat(rows("SELECT id FROM web_sessions")).isEmpty();
    }

    @Test
    void aFullGateIsBusyAndCreatesNothing() throws Exception {
        VerificationGate gate = new VerificationGate(1, 0);
        WebSessions busy = new WebSessions(store, new Accounts(store, new PasswordHasher(64, 1, 1), clock, gate, null),
                clock, WebSessions.Lifetimes.DEFAULT);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> gate.run(() -> {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "held";
        }));
        entered.await();
        try {
            assertThat(busy.logIn(CLIENT, "alice", PASSWORD)).isEqualTo(new WebSessions.LoginResult.Busy(Duration.ofSeconds(1)));
        } finally {
            release.countDown();
            holder.join();
        }
        assertThat(rows("SELECT id FROM web_sessions")).isEmpty();
    }

    @Test
    void theCookieResolvesToItsUserAndToken() {
        WebSessions.LoginResult.Started started = logIn("alice", PASSWORD);

        WebSession session = sessions.resolve(started.cookieValue()).orElseThrow();

        assertThat(session).isEqualTo(new WebSession(started.session().id(), alice, started.csrfToken(), T0,
                T0.plus(IDLE)));
        assertThat(session.principal().user().username()).isEqualTo("alice");
        assertThat(session.principal().viaToken()).isFalse();
    }

    @Test
    void unknownAndMalformedCookiesResolveToNothing() {
        String cookie = logIn("alice", PASSWORD).cookieValue();
        char last = cookie.charAt(42);
        String other = cookie.substring(0, 42) + (last == 'A' ? 'B' : 'A');

        assertThat(sessions.resolve(other)).isEmpty();
        assertThat(sessions.resolve(null)).isEmpty();
        assertThat(sessions.resolve("")).isEmpty();
        assertThat(sessions.resolve(cookie + "A")).isEmpty();
        assertThat(sessions.resolve(cookie.substring(0, 42) + "=")).isEmpty();
        assertThat(sessions.resolve(sha256Hex(cookie))).as("the stored digest is no cookie").isEmpty();
    }

    @Test
    void aLoggedOutCookieResolvesToNothingAndOtherSessionsStay() {
        String one = logIn("alice", PASSWORD).cookieValue();
        String two = logIn("alice", PASSWORD).cookieValue();

        sessions.logOut(one);
        sessions.logOut(one);
        sessions.logOut("not a cookie");

        assertThat(sessions.resolve(one)).isEmpty();
        assertThat(sessions.resolve(two)).isPresent();
    }

    @Test
    void anIdleSessionLivesUntilJustBeforeTheIdleTimeout() {
        String cookie = logIn("alice", PASSWORD).cookieValue();

        clock.advance(IDLE.minus(MICRO));

        assertThat(sessions.resolve(cookie)).isPresent();
    }

    @Test
    void exactlyAtTheIdleTimeoutTheSessionHasEnded() {
        String cookie = logIn("alice", PASSWORD).cookieValue();

        clock.advance(IDLE);

        assertThat(sessions.resolve(cookie)).isEmpty();
    }

    @Test
    void aUseSlidesTheIdleExpiryWrittenAtMostOnceAMinute() {
        String cookie = logIn("alice", PASSWORD).cookieValue();

        clock.advance(Duration.ofSeconds(59));
        assertThat(sessions.resolve(cookie).orElseThrow().expires()).isEqualTo(T0.plus(IDLE));
        assertThat(stored(cookie).lastSeen()).as("no write within the minute").isEqualTo(T0);
        clock.advance(Duration.ofSeconds(1));
        Instant used = T0.plusSeconds(60);
        assertThat(sessions.resolve(cookie).orElseThrow().expires()).isEqualTo(used.plus(IDLE));
        assertThat(stored(cookie).lastSeen()).isEqualTo(used);
        assertThat(stored(cookie).expires()).isEqualTo(used.plus(IDLE));

        clock.advance(IDLE.minus(MICRO));
        assertThat(sessions.resolve(cookie)).as("twelve hours after the last use, not the login").isPresent();
        clock.advance(IDLE);
        assertThat(sessions.resolve(cookie)).isEmpty();
    }

    @Test
    void aSessionInUseEndsAtItsAbsoluteLifetime() {
        String cookie = logIn("alice", PASSWORD).cookieValue();
        for (int hours = 11; hours < 7 * 24; hours += 11) {
            clock.advance(Duration.ofHours(11));
            assertThat(sessions.resolve(cookie)).as("after %d hours", hours).isPresent();
        }
        // Last used at 165 h; the idle timeout would run to 177 h, the lifetime ends at 168 h.
        at(T0.plus(ABSOLUTE).minus(MICRO));
        assertThat(sessions.resolve(cookie).orElseThrow().expires()).isEqualTo(T0.plus(ABSOLUTE));
        at(T0.plus(ABSOLUTE));
        assertThat(sessions.resolve(cookie)).isEmpty();
    }

    @Test
    void shorterLifetimesApplyToSessionsStartedUnderLongerOnes() {
        String cookie = logIn("alice", PASSWORD).cookieValue();
        WebSessions stricter = new WebSessions(store, accounts, clock,
                new WebSessions.Lifetimes(Duration.ofHours(1), Duration.ofHours(2)));

        clock.advance(Duration.ofMinutes(59));
        assertThat(stricter.resolve(cookie).orElseThrow().expires()).isEqualTo(T0.plusSeconds(59 * 60).plus(Duration.ofHours(1)));
        clock.advance(Duration.ofMinutes(59));
        assertThat(stricter.resolve(cookie).orElseThrow().expires()).isEqualTo(T0.plus(Duration.ofHours(2)));
        clock.advance(Duration.ofMinutes(2));
        assertThat(stricter.resolve(cookie)).isEmpty();
        assertThat(sessions.resolve(cookie)).as("the shorter expiry was stored at the last use").isEmpty();
    }

    @Test
    void aDisabledUsersSessionResolvesToNothing() {
        String cookie = logIn("alice", PASSWORD).cookieValue();

        store.write((Transaction tx) -> tx.users().setDisabledAt(alice.id(), T0));

        assertThat(sessions.resolve(cookie)).isEmpty();
    }

    @Test
    void endingAllOfAUsersSessionsLeavesOtherUsers() {
        String one = logIn("alice", PASSWORD).cookieValue();
        String two = logIn("alice", PASSWORD).cookieValue();
        String bobs = logIn("bob", "bob-password-22").cookieValue();

        assertThat(sessions.endAll(alice.id())).isEqualTo(2);

        assertThat(sessions.resolve(one)).isEmpty();
        assertThat(sessions.resolve(two)).isEmpty();
        assertThat(sessions.resolve(bobs)).isPresent();
    }

    @Test
    void endingTheOthersKeepsTheOneGiven() {
        String one = logIn("alice", PASSWORD).cookieValue();
        WebSessions.LoginResult.Started two = logIn("alice", PASSWORD);
        String bobs = logIn("bob", "bob-password-22").cookieValue();

        assertThat(sessions.endOthers(alice.id(), two.session().id())).isEqualTo(1);

        assertThat(sessions.resolve(one)).isEmpty();
        assertThat(sessions.resolve(two.cookieValue())).isPresent();
        assertThat(sessions.resolve(bobs)).isPresent();
    }

    @Test
    void onlyTheSessionsOwnTokenPassesTheCsrfCheck() {
        WebSession mine = sessions.resolve(logIn("alice", PASSWORD).cookieValue()).orElseThrow();
        WebSession another = sessions.resolve(logIn("alice", PASSWORD).cookieValue()).orElseThrow();
        String token = mine.csrfToken();
        char last = token.charAt(42);

        assertThat(sessions.csrfValid(mine, token)).isTrue();
        assertThat(sessions.csrfValid(mine, new String(token.toCharArray()))).isTrue();
        assertThat(sessions.csrfValid(mine, another.csrfToken())).isFalse();
        assertThat(sessions.csrfValid(mine, null)).isFalse();
        assertThat(sessions.csrfValid(mine, "")).isFalse();
        assertThat(sessions.csrfValid(mine, token.substring(0, 42))).isFalse();
        assertThat(sessions.csrfValid(mine, token.substring(0, 42) + (last == 'A' ? 'B' : 'A'))).isFalse();
        assertThat(sessions.csrfValid(mine, token + " ")).isFalse();
        assertThat(sessions.csrfValid(null, token)).isFalse();
    }

    @Test
    void theSweepDeletesEndedSessionsInBatchesAndNoLiveOne() throws Exception {
        int ended = 2 * WebSessions.SWEEP_BATCH + 7;
        store.write((Transaction tx) -> {
            for (int i = 0; i < ended; i++) {
                tx.sessions().insert(bob.id(), String.format("%064x", i), "t", T0, T0.plusSeconds(1),
                        T0.plus(ABSOLUTE));
            }
            return null;
        });
        String live = logIn("alice", PASSWORD).cookieValue();
        clock.advance(Duration.ofSeconds(1));

        assertThat(sessions.sweep()).isEqualTo(ended);

        assertThat(rows("SELECT user_id FROM web_sessions")).containsExactly(List.of(String.valueOf(alice.id())));
        assertThat(sessions.resolve(live)).isPresent();
        assertThat(sessions.sweep()).isZero();
    }

    @Test
    void theLoginFormsCsrfValueMustMatchItsCookie() {
        String issued = LoginCsrf.issue();
        char last = issued.charAt(42);

        assertThat(issued).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(LoginCsrf.issue());
        assertThat(LoginCsrf.valid(issued, issued)).isTrue();
        assertThat(LoginCsrf.valid(issued, null)).isFalse();
        assertThat(LoginCsrf.valid(null, issued)).isFalse();
        assertThat(LoginCsrf.valid(null, null)).isFalse();
        assertThat(LoginCsrf.valid("", "")).isFalse();
        assertThat(LoginCsrf.valid("x", "x")).as("not a value the server issues").isFalse();
        assertThat(LoginCsrf.valid(issued, issued.substring(0, 42) + (last == 'A' ? 'B' : 'A'))).isFalse();
        assertThat(LoginCsrf.valid(issued, LoginCsrf.issue())).isFalse();
    }

    private void at(Instant instant) {
        clock.advance(Duration.between(clock.instant(), instant));
    }

    private SessionStore.Session stored(String cookie) {
        return store.read((Transaction tx) -> tx.sessions().findByDigest(sha256Hex(cookie))).orElseThrow().session();
    }

    /** SHA-256 in lower-case hex, written here rather than taken from the code under test. */
    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<List<String>> rows(String sql) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (Connection conn = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("db.sqlite"));
                Statement s = conn.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
