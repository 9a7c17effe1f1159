package dev.cheeseshop.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cheeseshop.model.ApiToken;
import dev.cheeseshop.model.User;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MetadataStore} implementation must do with API tokens (the part of the
 * metadata store contract about {@link TokenStore}). Each backend's test class extends this and
 * supplies a fresh, empty store.
 */
public abstract class TokenStoreContract {
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.123456Z");
    private static final String DIGEST_A = "a".repeat(64);
    private static final String DIGEST_B = "b".repeat(64);

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
    void aTokenIsFoundByItsDigestWithItsUserAndScope() {
        Instant expires = T0.plus(Duration.ofDays(30));
        ApiToken inserted = store.write((Transaction tx) -> tx.tokens().insert(alice.id(), "ci", DIGEST_A,
                List.of("foo-bar", "demo", "demo"), T0, expires));

        TokenStore.Found found = store.read((Transaction tx) -> tx.tokens().findByDigest(DIGEST_A)).orElseThrow();

        assertThat(inserted.projects()).containsExactly("demo", "foo-bar");
        assertThat(found.token()).isEqualTo(inserted);
        assertThat(found.token()).isEqualTo(new ApiToken(inserted.id(), alice.id(), "ci", List.of("demo", "foo-bar"),
                T0, expires, null, null));
        assertThat(found.digest()).isEqualTo(DIGEST_A);
        assertThat(found.user().username()).isEqualTo("Alice");
        assertThat(found.user().id()).isEqualTo(alice.id());
        assertThat(store.read((Transaction tx) -> tx.tokens().findByDigest(DIGEST_B))).isEmpty();
    }

    @Test
    void anUnscopedTokenWithoutExpiryHasNoProjectsAndNoTimes() {
        ApiToken token = store.write((Transaction tx) -> tx.tokens().insert(bob.id(), "all", DIGEST_B, List.of(), T0, null));

        ApiToken found = store.read((Transaction tx) -> tx.tokens().find(token.id())).orElseThrow();

        assertThat(found.projects()).isEmpty();
        assertThat(found.scoped()).isFalse();
        assertThat(found.expires()).isNull();
        assertThat(found.lastUsed()).isNull();
        assertThat(found.revoked()).isNull();
        assertThat(store.read((Transaction tx) -> tx.tokens().find(token.id() + 1))).isEmpty();
    }

    @Test
    void digestsAreUnique() {
        store.write((Transaction tx) -> tx.tokens().insert(alice.id(), "one", DIGEST_A, List.of(), T0, null));
        assertThatThrownBy(() -> store.write((Transaction tx) -> tx.tokens().insert(bob.id(), "two", DIGEST_A, List.of(), T0, null)))
                .isInstanceOf(UniqueViolation.class);
    }

    @Test
    void aUsersTokensAreListedOldestFirstAndOnlyTheirs() {
        store.write((Transaction tx) -> {
            tx.tokens().insert(alice.id(), "first", DIGEST_A, List.of("x"), T0, null);
            tx.tokens().insert(bob.id(), "bobs", DIGEST_B, List.of(), T0, null);
            tx.tokens().insert(alice.id(), "second", "c".repeat(64), List.of(), T0.plusSeconds(1), null);
            return null;
        });

        assertThat(store.read((Transaction tx) -> tx.tokens().forUser(alice.id()))).extracting(ApiToken::name)
                .containsExactly("first", "second");
        assertThat(store.read((Transaction tx) -> tx.tokens().forUser(alice.id())).get(0).projects()).containsExactly("x");
        assertThat(store.read((Transaction tx) -> tx.tokens().forUser(bob.id()))).extracting(ApiToken::name).containsExactly("bobs");
    }

    @Test
    void revokingHappensOnceAndKeepsTheFirstTime() {
        long id = store.write((Transaction tx) -> tx.tokens().insert(alice.id(), "ci", DIGEST_A, List.of(), T0, null)).id();

        assertThat(store.write((Transaction tx) -> tx.tokens().revoke(id, T0.plusSeconds(5)))).isTrue();
        assertThat(store.write((Transaction tx) -> tx.tokens().revoke(id, T0.plusSeconds(9)))).isFalse();
        assertThat(store.write((Transaction tx) -> tx.tokens().revoke(id + 1, T0))).isFalse();

        ApiToken revoked = store.read((Transaction tx) -> tx.tokens().find(id)).orElseThrow();
        assertThat(revoked.revoked()).isEqualTo(T0.plusSeconds(5));
        assertThat(revoked.validAt(T0.plusSeconds(6))).isFalse();
    }

    @Test
    void theLastUseIsRecorded() {
        long id = store.write((Transaction tx) -> tx.tokens().insert(alice.id(), "ci", DIGEST_A, List.of(), T0, null)).id();

        store.write((Transaction tx) -> {
            tx.tokens().used(id, T0.plusSeconds(60));
            return null;
        });

        assertThat(store.read((Transaction tx) -> tx.tokens().findByDigest(DIGEST_A)).orElseThrow().token().lastUsed())
                .isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void aFailedTransactionLeavesNoTokenNorScope() {
        assertThatThrownBy(() -> store.write((Transaction tx) -> {
            tx.tokens().insert(alice.id(), "doomed", DIGEST_A, List.of("p"), T0, null);
            throw new IllegalStateException("boom");
        })).hasMessage("boom");

        assertThat(store.read((Transaction tx) -> tx.tokens().findByDigest(DIGEST_A))).isEmpty();
        assertThat(store.read((Transaction tx) -> tx.tokens().forUser(alice.id()))).isEmpty();
    }
}
