package dev.cheeseshop.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.model.ApiToken;
import dev.cheeseshop.model.User;
import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.store.Transaction;
import dev.cheeseshop.store.sql.SqliteStores;
import dev.cheeseshop.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Passwords and API tokens, against a real SQLite store and a clock the test moves. */
class AuthenticatorTest {
    private static final String CLIENT = "192.0.2.1";

    private static final Instant T0 = Instant.parse("2026-03-04T05:06:07Z");
    private static final String PASSWORD = "alice-password-1";

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0);
    private MetadataStore store;
    private Authenticator authenticator;
    private User alice;

    @BeforeEach
    void open() throws UserProblem {
        store = SqliteStores.open(dir.resolve("db.sqlite"), 2);
        Accounts accounts = new Accounts(store, new PasswordHasher(64, 1, 1), clock);
        alice = accounts.create("alice", null, PASSWORD, false);
        authenticator = new Authenticator(accounts, store, clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private String issue(List<String> projects, Instant expires) {
        String secret = TokenSecrets.generate();
        store.write((Transaction tx) -> tx.tokens().insert(alice.id(), "t", TokenSecrets.digest(secret), projects,
                clock.instant(), expires));
        return secret;
    }

    private ApiToken stored(String secret) {
        return store.read((Transaction tx) -> tx.tokens().findByDigest(TokenSecrets.digest(secret))).orElseThrow()
                .token();
    }

    @Test
    void aPasswordStillWorksAndGivesAPrincipalWithoutToken() {
        Authenticator.Outcome outcome = authenticator.basic(CLIENT, "alice", PASSWORD);

        assertThat(outcome.accepted()).isTrue();
        assertThat(outcome.principal().user().id()).isEqualTo(alice.id());
        assertThat(outcome.principal().viaToken()).isFalse();
        assertThat(authenticator.basic(CLIENT, "alice", PASSWORD + "x").refusal()).isEqualTo(Authenticator.Refusal.INVALID);
    }

    @Test
    void aTokenIsAcceptedAsTokenUsersPasswordAndAlone() {
        String secret = issue(List.of("demo"), null);

        Authenticator.Outcome basic = authenticator.basic(CLIENT, "__token__", " " + secret + "\n");
        Authenticator.Outcome bearer = authenticator.token(secret);

        for (Authenticator.Outcome outcome : List.of(basic, bearer)) {
            assertThat(outcome.accepted()).isTrue();
            assertThat(outcome.principal().user().username()).isEqualTo("alice");
            assertThat(outcome.principal().scope()).containsExactly("demo");
            assertThat(outcome.principal().mayTouch("demo")).isTrue();
            assertThat(outcome.principal().mayTouch("other")).isFalse();
        }
        assertThat(authenticator.basic(CLIENT, "alice", secret).accepted()).as("a token is not alice's password").isFalse();
    }

    @Test
    void unknownMalformedAndRevokedTokensAreNoIdentity() {
        String secret = issue(List.of(), null);
        String other = TokenSecrets.generate();

        assertThat(authenticator.token(other).refusal()).isEqualTo(Authenticator.Refusal.INVALID);
        assertThat(authenticator.token(secret + "x").refusal()).isEqualTo(Authenticator.Refusal.INVALID);
        assertThat(authenticator.token("pypi-").refusal()).isEqualTo(Authenticator.Refusal.INVALID);
        assertThat(authenticator.token(null).refusal()).isEqualTo(Authenticator.Refusal.INVALID);
        assertThat(authenticator.token(secret).accepted()).isTrue();

        store.write((Transaction tx) -> tx.tokens().revoke(stored(secret).id(), clock.instant()));

        assertThat(authenticator.token(secret).refusal()).isEqualTo(Authenticator.Refusal.INVALID);
        assertThat(authenticator.basic(CLIENT, "__token__", secret).refusal()).isEqualTo(Authenticator.Refusal.INVALID);
    }

    @Test
    void aTokenIsRefusedFromItsExpiryOn() {
        String secret = issue(List.of(), T0.plusSeconds(60));

        clock.advance(Duration.ofSeconds(59));
        assertThat(authenticator.token(secret).accepted()).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(authenticator.token(secret).refusal()).isEqualTo(Authenticator.Refusal.EXPIRED);
    }

    @Test
    void theLastUseIsRecordedAtMostOnceAMinute() {
        String secret = issue(List.of(), null);
        assertThat(stored(secret).lastUsed()).isNull();

        authenticator.token(secret);
        assertThat(stored(secret).lastUsed()).isEqualTo(T0);

        clock.advance(Duration.ofSeconds(59));
        authenticator.token(secret);
        assertThat(stored(secret).lastUsed()).as("within the minute: not written again").isEqualTo(T0);

        clock.advance(Duration.ofSeconds(1));
        authenticator.token(secret);
        assertThat(stored(secret).lastUsed()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void aDisabledUsersPasswordAndTokensAreRefusedFromTheNextCheckAndWorkAgainWhenEnabled() {
        String secret = issue(List.of(), null);
        assertThat(authenticator.token(secret).accepted()).isTrue();

        store.write((Transaction tx) -> tx.users().setDisabledAt(alice.id(), clock.instant()));

        assertThat(authenticator.basic(CLIENT, "alice", PASSWORD).refusal()).isEqualTo(Authenticator.Refusal.INVALID);
        assertThat(authenticator.basic(CLIENT, "__token__", secret).refusal()).isEqualTo(Authenticator.Refusal.INVALID);
        assertThat(authenticator.token(secret).refusal()).isEqualTo(Authenticator.Refusal.INVALID);

        store.write((Transaction tx) -> tx.users().setDisabledAt(alice.id(), null));

        assertThat(authenticator.basic(CLIENT, "alice", PASSWORD).accepted()).isTrue();
        assertThat(authenticator.token(secret).accepted()).isTrue();
    }
}
