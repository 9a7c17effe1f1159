package dev.cheeseshop.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cheeseshop.model.User;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MetadataStore} implementation must do with user accounts ({@link UserStore}):
 * names unique in any case, listing in case-folded order, a new password hash, disabling.
 */
public abstract class UserStoreContract {
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.123456Z");
    private static final Instant T1 = Instant.parse("2026-02-03T04:05:06.654321Z");

    protected MetadataStore store;

    protected abstract MetadataStore newStore() throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = newStore();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private User insert(String name) {
        return store.write((Transaction tx) -> tx.users().insert(name, name + "@example.org", "$hash-" + name, false, T0));
    }

    private User find(String name) {
        return store.read((Transaction tx) -> tx.users().find(name)).orElseThrow();
    }

    @Test
    void aNewUserIsEnabledAndFoundInAnyCase() {
        User inserted = insert("Alice");

        User found = find("aLICE");
        assertThat(found).isEqualTo(inserted);
        assertThat(found.disabledAt()).isNull();
        assertThat(found.disabled()).isFalse();
        assertThat(found.created()).isEqualTo(T0);
        assertThatThrownBy(() -> insert("ALICE")).isInstanceOf(UniqueViolation.class);
    }

    @Test
    void disablingKeepsTheTimeToTheMicrosecondAndEnablingClearsIt() {
        User alice = insert("alice");
        User bob = insert("bob");

        assertThat(store.write((Transaction tx) -> tx.users().setDisabledAt(alice.id(), T1))).isTrue();
        assertThat(find("alice").disabledAt()).isEqualTo(T1);
        assertThat(find("alice").disabled()).isTrue();
        assertThat(find("bob").disabled()).as("only the one user").isFalse();

        assertThat(store.write((Transaction tx) -> tx.users().setDisabledAt(alice.id(), null))).isTrue();
        assertThat(find("alice").disabledAt()).isNull();
        assertThat(store.write((Transaction tx) -> tx.users().setDisabledAt(bob.id() + 100, T1))).isFalse();
    }

    @Test
    void aDisabledUserIsSeenThroughTheirTokens() {
        User alice = insert("alice");
        store.write((Transaction tx) -> tx.tokens().insert(alice.id(), "t", "d".repeat(64), List.of(), T0, null));
        store.write((Transaction tx) -> tx.users().setDisabledAt(alice.id(), T1));

        TokenStore.Found found = store.read((Transaction tx) -> tx.tokens().findByDigest("d".repeat(64))).orElseThrow();
        assertThat(found.user().disabledAt()).isEqualTo(T1);
    }

    @Test
    void aNewPasswordHashReplacesTheOld() {
        User alice = insert("alice");

        assertThat(store.write((Transaction tx) -> tx.users().setPasswordHash(alice.id(), "$new"))).isTrue();
        assertThat(find("alice").passwordHash()).isEqualTo("$new");
        assertThat(store.write((Transaction tx) -> tx.users().setPasswordHash(alice.id() + 100, "$x"))).isFalse();
    }

    @Test
    void listingPagesInCaseFoldedNameOrder() {
        for (String name : List.of("carol", "Bob", "alice", "dave", "Eve")) {
            insert(name);
        }

        assertThat(names(store.read((Transaction tx) -> tx.users().list(null, 2)))).containsExactly("alice", "Bob");
        assertThat(names(store.read((Transaction tx) -> tx.users().list("BOB", 2)))).containsExactly("carol", "dave");
        assertThat(names(store.read((Transaction tx) -> tx.users().list("dave", 2)))).containsExactly("Eve");
        assertThat(store.read((Transaction tx) -> tx.users().list("eve", 2))).isEmpty();
        assertThat(names(store.read((Transaction tx) -> tx.users().list(null, 1000)))).hasSize(5);
    }

    private static List<String> names(List<User> users) {
        return users.stream().map(User::username).toList();
    }
}
