package dev.cheeseshop.manage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cheeseshop.auth.Accounts;
import dev.cheeseshop.auth.PasswordHasher;
import dev.cheeseshop.auth.Principal;
import dev.cheeseshop.auth.UserProblem;
import dev.cheeseshop.auth.VerificationGate;
import dev.cheeseshop.auth.WebSessions;
import dev.cheeseshop.model.User;
import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.store.sql.SqliteStores;
import dev.cheeseshop.testing.MutableClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A password change and a disabling end the user's browser sessions: whoever held a session
 * (or knew the old password) is logged out, except, on request, the session that made the change.
 */
class UserSessionsTest {
    private static final String CLIENT = "192.0.2.1";
    private static final String ALICE_PASSWORD = "alice-password-1";
    private static final String BOB_PASSWORD = "bob-password-22";

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-04T05:06:07Z"));
    private MetadataStore store;
    private WebSessions sessions;
    private UserManagement users;
    private User alice;
    private User root;

    @BeforeEach
    void open() throws UserProblem {
        store = SqliteStores.open(dir.resolve("db.sqlite"), 2);
        Accounts accounts = new Accounts(store, new PasswordHasher(64, 1, 1), clock, new VerificationGate(2, 2), null);
        alice = accounts.create("alice", null, ALICE_PASSWORD, false);
        accounts.create("bob", null, BOB_PASSWORD, false);
        root = accounts.create("root", null, "root-password-333", true);
        sessions = new WebSessions(store, accounts, clock, WebSessions.Lifetimes.DEFAULT);
        users = new UserManagement(store, accounts, clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private WebSessions.LoginResult.Started logIn(String username, String password) {
        return (WebSessions.LoginResult.Started) sessions.logIn(CLIENT, username, password);
    }

    private boolean live(WebSessions.LoginResult.Started started) {
        return sessions.resolve(started.cookieValue()).isPresent();
    }

    @Test
    void changingOnesOwnPasswordEndsTheOtherSessionsButTheOneThatChangedIt() throws ManageProblem {
        WebSessions.LoginResult.Started elsewhere = logIn("alice", ALICE_PASSWORD);
        WebSessions.LoginResult.Started here = logIn("alice", ALICE_PASSWORD);
        WebSessions.LoginResult.Started bobs = logIn("bob", BOB_PASSWORD);

        users.changePassword(Principal.of(alice), CLIENT, "alice", ALICE_PASSWORD, "a-new-password-2",
                OptionalLong.of(here.session().id()));

        assertThat(live(elsewhere)).isFalse();
        assertThat(live(here)).isTrue();
        assertThat(live(bobs)).isTrue();
        assertThat(sessions.logIn(CLIENT, "alice", ALICE_PASSWORD)).isInstanceOf(WebSessions.LoginResult.Refused.class);
        assertThat(sessions.logIn(CLIENT, "alice", "a-new-password-2")).isInstanceOf(WebSessions.LoginResult.Started.class);
    }

    @Test
    void aPasswordSetWithoutASessionToKeepEndsThemAll() throws ManageProblem {
        WebSessions.LoginResult.Started one = logIn("alice", ALICE_PASSWORD);
        WebSessions.LoginResult.Started two = logIn("alice", ALICE_PASSWORD);
        WebSessions.LoginResult.Started roots = logIn("root", "root-password-333");

        users.changePassword(Principal.of(root), CLIENT, "alice", null, "a-new-password-2");

        assertThat(live(one)).isFalse();
        assertThat(live(two)).isFalse();
        assertThat(live(roots)).as("the administrator's own session").isTrue();
    }

    @Test
    void anAdministratorsSessionToKeepDoesNotKeepAnotherUsersSession() throws ManageProblem {
        WebSessions.LoginResult.Started alices = logIn("alice", ALICE_PASSWORD);
        WebSessions.LoginResult.Started roots = logIn("root", "root-password-333");

        users.changePassword(Principal.of(root), CLIENT, "alice", null, "a-new-password-2",
                OptionalLong.of(roots.session().id()));

        assertThat(live(alices)).isFalse();
        assertThat(live(roots)).isTrue();
    }

    @Test
    void aRefusedChangeEndsNothing() {
        WebSessions.LoginResult.Started one = logIn("alice", ALICE_PASSWORD);

        assertThatThrownBy(() -> users.changePassword(Principal.of(alice), CLIENT, "alice", "wrong-password",
                "a-new-password-2")).isInstanceOf(ManageProblem.class);
        assertThatThrownBy(() -> users.changePassword(Principal.of(alice), CLIENT, "alice", ALICE_PASSWORD, "short"))
                .isInstanceOf(ManageProblem.class);

        assertThat(live(one)).isTrue();
    }

    @Test
    void disablingAUserEndsTheirSessionsForGoodAndNoOneElses() throws ManageProblem {
        WebSessions.LoginResult.Started one = logIn("alice", ALICE_PASSWORD);
        WebSessions.LoginResult.Started bobs = logIn("bob", BOB_PASSWORD);

        users.disable(null, "alice");

        assertThat(live(one)).isFalse();
        assertThat(live(bobs)).isTrue();
        users.enable(null, "alice");
        assertThat(live(one)).as("enabling brings no session back").isFalse();
    }
}
