package dev.cheeseshop.auth;

import dev.cheeseshop.model.User;
import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.store.UniqueViolation;
import java.time.Clock;
import java.util.Optional;
import java.util.regex.Pattern;

/** Creating users and checking their passwords. */
public final class Accounts {
    /** PyPI's username rule: letters, digits and {@code . _ -}, starting and ending with a letter or digit. */
    private static final Pattern USERNAME =
            Pattern.compile("^([A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9])$");
    private static final int MAX_USERNAME = 50;
    private static final int MIN_PASSWORD = 8;
    private static final int MAX_PASSWORD = 4096;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private final MetadataStore store;
    private final PasswordHasher hasher;
    private final Clock clock;
    /** Verified against when the user does not exist, so that a miss costs as much as a hit. */
    private final String decoyHash;

    public Accounts(MetadataStore store, PasswordHasher hasher, Clock clock) {
        this.store = store;
        this.hasher = hasher;
        this.clock = clock;
        this.decoyHash = hasher.hash("decoy password that matches nothing");
    }

    public User create(String username, String email, String password, boolean admin) throws UserProblem {
        validate(username, email, password);
        String hash = hasher.hash(password);
        Optional<User> created;
        try {
            created = store.write(tx -> tx.users().find(username).isPresent()
                    ? Optional.<User>empty()
                    : Optional.of(tx.users().insert(username, email, hash, admin, clock.instant())));
        } catch (UniqueViolation e) {
            created = Optional.empty(); // another process created the same name a moment ago
        }
        return created.orElseThrow(() -> new UserProblem("user '" + username + "' already exists"));
    }

    /** The user with this name and password, or empty: unknown users and wrong passwords look alike. */
    public Optional<User> authenticate(String username, String password) {
        Optional<User> user = store.read(tx -> tx.users().find(username));
        boolean ok = hasher.verify(password, user.map(User::passwordHash).orElse(decoyHash));
        return ok ? user : Optional.empty();
    }

    private static void validate(String username, String email, String password) throws UserProblem {
        if (username == null || username.length() > MAX_USERNAME || !USERNAME.matcher(username).matches()) {
            throw new UserProblem("invalid username '" + username + "': use at most " + MAX_USERNAME
                    + " letters, digits and '.', '_' or '-', starting and ending with a letter or digit");
        }
        if (email != null && !EMAIL.matcher(email).matches()) {
            throw new UserProblem("invalid email address '" + email + "'");
        }
        if (password == null || password.length() < MIN_PASSWORD) {
            throw new UserProblem("the password must be at least " + MIN_PASSWORD + " characters long");
        }
        if (password.length() > MAX_PASSWORD) {
            throw new UserProblem("the password must be at most " + MAX_PASSWORD + " characters long");
        }
    }
}
