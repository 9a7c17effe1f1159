package dev.cheeseshop.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cheeseshop.model.User;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MetadataStore} implementation must do with browser sessions ({@link
 * SessionStore}). Each backend's test class extends this and supplies a fresh, empty store.
 */
public abstract class SessionStoreContract {
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.123456Z");
    private static final Instant IDLE = T0.plus(Duration.ofHours(12));
    private static final Instant MAX = T0.plus(Duration.ofDays(7));
    private static final String DIGEST_A = "a".repeat(64);
    private static final String DIGEST_B = "b".repeat(64);
    private static final String DIGEST_C = "c".repeat(64);
    private static final String CSRF = "x".repeat(43);

    protected MetadataStore store;
    private User alice;
    private User bob;

    protected abstract MetadataStore newStore() throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = newStore();
        alice = store.write((Transaction tx) -> tx.users().insert("Alice", null, "$hash", false, T0));
        bob = store.write((Transaction tx) -> tx.users().insert("bob", null, "$hash", true, T0));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aSessionIsFoundByItsDigestWithItsUserAndTimes() {
        SessionStore.Session inserted = store.write((Transaction tx) ->
                tx.sessions().insert(alice.id(), DIGEST_A, CSRF, T0, IDLE, MAX));

        SessionStore.Found found = store.read((Transaction tx) -> tx.sessions().findByDigest(DIGEST_A)).orElseThrow();

        assertThat(found.session()).isEqualTo(inserted);
        assertThat(found.session()).isEqualTo(new SessionStore.Session(inserted.id(), alice.id(), CSRF, T0, T0, IDLE, MAX));
        assertThat(found.digest()).isEqualTo(DIGEST_A);
        assertThat(found.user().username()).isEqualTo("Alice");
        assertThat(found.user().disabled()).isFalse();
        assertThat(store.read((Transaction tx) -> tx.sessions().findByDigest(DIGEST_B))).isEmpty();
    }

    @Test
    void theUserIsReadAsItIsNow() {
        store.write((Transaction tx) -> tx.sessions().insert(alice.id(), DIGEST_A, CSRF, T0, IDLE, MAX));
        store.write((Transaction tx) -> tx.users().setDisabledAt(alice.id(), T0.plusSeconds(1)));

        assertThat(store.read((Transaction tx) -> tx.sessions().findByDigest(DIGEST_A)).orElseThrow().user().disabledAt())
                .isEqualTo(T0.plusSeconds(1));
    }

    @Test
    void digestsAreUnique() {
        store.write((Transaction tx) -> tx.sessions().insert(alice.id(), DIGEST_A, CSRF, T0, IDLE, MAX));
        assertThatThrownBy(() -> store.write((Transaction tx) -> tx.sessions().insert(bob.id(), DIGEST_A, CSRF, T0, IDLE, MAX)))
                .isInstanceOf(UniqueViolation.class);
    }

    @Test
    void aTouchMovesTheLastUseAndTheExpiryOnly() {
        long id = store.write((Transaction tx) -> tx.sessions().insert(alice.id(), DIGEST_A, CSRF, T0, IDLE, MAX)).id();
        Instant seen = T0.plusSeconds(90);
        Instant expires = seen.plus(Duration.ofHours(12));

        assertThat(store.write((Transaction tx) -> tx.sessions().touch(id, seen, expires))).isTrue();
        assertThat(store.write((Transaction tx) -> tx.sessions().touch(id + 1000, seen, expires))).isFalse();

        assertThat(store.read((Transaction tx) -> tx.sessions().findByDigest(DIGEST_A)).orElseThrow().session())
                .isEqualTo(new SessionStore.Session(id, alice.id(), CSRF, T0, seen, expires, MAX));
    }

    @Test
    void aDeletedSessionIsGoneAndOnlyIt() {
        long a = store.write((Transaction tx) -> tx.sessions().insert(alice.id(), DIGEST_A, CSRF, T0, IDLE, MAX)).id();
        store.write((Transaction tx) -> tx.sessions().insert(alice.id(), DIGEST_B, CSRF, T0, IDLE, MAX));

        assertThat(store.write((Transaction tx) -> tx.sessions().delete(a))).isTrue();
        assertThat(store.write((Transaction tx) -> tx.sessions().delete(a))).isFalse();

        assertThat(store.read((Transaction tx) -> tx.sessions().findByDigest(DIGEST_A))).isEmpty();
        assertThat(store.read((Transaction tx) -> tx.sessions().findByDigest(DIGEST_B))).isPresent();
    }

    @Test
    void aUsersSessionsEndTogetherAndNoOneElses() {
        store.write((Transaction tx) -> {
            tx.sessions().insert(alice.id(), DIGEST_A, CSRF, T0, IDLE, MAX);
            tx.sessions().insert(alice.id(), DIGEST_B, CSRF, T0, IDLE, MAX);
            tx.sessions().insert(bob.id(), DIGEST_C, CSRF, T0, IDLE, MAX);
            return null;
        });

        assertThat(store.write((Transaction tx) -> tx.sessions().deleteForUser(alice.id()))).isEqualTo(2);
        assertThat(store.write((Transaction tx) -> tx.sessions().deleteForUser(alice.id()))).isZero();

        assertThat(store.read((Transaction tx) -> tx.sessions().findByDigest(DIGEST_A))).isEmpty();
        assertThat(store.read((Transaction tx) -> tx.sessions().findByDigest(DIGEST_B))).isEmpty();
        assertThat(store.read((Transaction tx) -> tx.sessions().findByDigest(DIGEST_C))).isPresent();
    }

    @Test
    void allButOneOfAUsersSessionsEnd() {
        long kept = store.write((Transaction tx) -> {
            tx.sessions().insert(alice.id(), DIGEST_A, CSRF, T0, IDLE, MAX);
            long id = tx.sessions().insert(alice.id(), DIGEST_B, CSRF, T0, IDLE, MAX).id();
            tx.sessions().insert(bob.id(), DIGEST_C, CSRF, T0, IDLE, MAX);
            return id;
        });

        assertThat(store.write((Transaction tx) -> tx.sessions().deleteForUserExcept(alice.id(), kept))).isEqualTo(1);

        assertThat(store.read((Transaction tx) -> tx.sessions().findByDigest(DIGEST_A))).isEmpty();
        assertThat(store.read((Transaction tx) -> tx.sessions().findByDigest(DIGEST_B))).isPresent();
        assertThat(store.read((Transaction tx) -> tx.sessions().findByDigest(DIGEST_C))).isPresent();
    }

    @Test
    void theSweepDeletesExpiredSessionsSoonestFirstUpToTheLimit() {
        store.write((Transaction tx) -> {
            tx.sessions().insert(alice.id(), DIGEST_A, CSRF, T0, T0.plusSeconds(30), MAX);
            tx.sessions().insert(bob.id(), DIGEST_B, CSRF, T0, T0.plusSeconds(10), MAX);
            tx.sessions().insert(alice.id(), DIGEST_C, CSRF, T0, T0.plusSeconds(60), MAX);
            return null;
        });

        assertThat(store.write((Transaction tx) -> tx.sessions().deleteExpired(T0.plusSeconds(30), 1))).isEqualTo(1);
        assertThat(store.read((Transaction tx) -> tx.sessions().findByDigest(DIGEST_B))).as("expired first").isEmpty();
        assertThat(store.read((Transaction tx) -> tx.sessions().findByDigest(DIGEST_A))).isPresent();

        assertThat(store.write((Transaction tx) -> tx.sessions().deleteExpired(T0.plusSeconds(30), 10)))
                .as("expiring at the instant counts").isEqualTo(1);
        assertThat(store.read((Transaction tx) -> tx.sessions().findByDigest(DIGEST_A))).isEmpty();
        assertThat(store.read((Transaction tx) -> tx.sessions().findByDigest(DIGEST_C))).as("not yet expired").isPresent();
        assertThat(store.write((Transaction tx) -> tx.sessions().deleteExpired(T0.plusSeconds(30), 10))).isZero();
    }

    @Test
    void aFailedTransactionLeavesNoSession() {
        assertThatThrownBy(() -> store.write((Transaction tx) -> {
            tx.sessions().insert(alice.id(), DIGEST_A, CSRF, T0, IDLE, MAX);
            throw new IllegalStateException("boom");
        })).hasMessage("boom");

        assertThat(store.read((Transaction tx) -> tx.sessions().findByDigest(DIGEST_A))).isEmpty();
    }
}
