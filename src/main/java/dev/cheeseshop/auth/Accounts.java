package dev.cheeseshop.auth;

import dev.cheeseshop.model.User;
import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.store.UniqueViolation;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Creating users and checking their passwords. Every check goes through the {@link VerificationGate}
 * (a bound on concurrent Argon2 runs) and, for logins, the {@link LoginThrottle} (failed logins per
 * address and per username) when there is one.
 */
public final class Accounts {
    /** PyPI's username rule: letters, digits and {@code . _ -}, starting and ending with a letter or digit. */
    private static final Pattern USERNAME =
            Pattern.compile("^([A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9])$");
    private static final int MAX_USERNAME = 50;
    private static final int MIN_PASSWORD = 8;
    private static final int MAX_PASSWORD = 4096;
    /** What a client refused by a full {@link VerificationGate} is told to wait: a check takes well under a second. */
    public static final Duration BUSY_RETRY = Duration.ofSeconds(1);
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private final MetadataStore store;
    private final PasswordHasher hasher;
    private final Clock clock;
    private final VerificationGate gate;
    /** Null: no limit on failed logins. */
    private final LoginThrottle throttle;
    /** Verified against when the user does not exist, so that a miss costs as much as a hit. */
    private final String decoyHash;

    /** Accounts with a gate for this machine and no limit on failed logins (for commands, not servers). */
    public Accounts(MetadataStore store, PasswordHasher hasher, Clock clock) {
        this(store, hasher, clock, VerificationGate.forThisMachine(), null);
    }

    /** @param throttle the failed-login limiter, or null for none */
    public Accounts(MetadataStore store, PasswordHasher hasher, Clock clock, VerificationGate gate,
            LoginThrottle throttle) {
        this.store = store;
        this.hasher = hasher;
        this.clock = clock;
        this.gate = gate;
        this.throttle = throttle;
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
        return created.orElseThrow(() -> UserProblem.taken(username));
    }

    /**
     * A login by the client at {@code address} (an IP address) with this username and password.
     * Throttled before anything else, so a locked-out client costs no password check and learns
     * nothing about the password; an unknown user is checked against a decoy hash, so it costs as
     * much as a known one and the two answers look alike.
     */
    public Login login(String address, String username, String password) {
        return check(address, username, () -> store.read(tx -> tx.users().find(username)), password);
    }

    /**
     * Whether {@code password} is {@code user}'s, for an authenticated user confirming a change
     * (a new password): counted and throttled as a login by this address and username, so that a
     * stolen token cannot be used to guess its user's password without limit.
     */
    public Login confirm(String address, User user, String password) {
        return check(address, user.username(), () -> Optional.of(user), password == null ? "" : password);
    }

    private Login check(String address, String username, Supplier<Optional<User>> find, String password) {
        if (throttle != null) {
            Duration wait = throttle.admit(address, username);
            if (!wait.isZero()) {
                return new Login.Throttled(wait);
            }
        }
        Optional<User> user = find.get();
        Optional<Boolean> ok = gate.run(() -> hasher.verify(password, user.map(User::passwordHash).orElse(decoyHash)));
        if (throttle != null && ok.orElse(true)) {
            throttle.takeBack(address, username); // a success, or a check that never ran, is no failure
        }
        if (ok.isEmpty()) {
            return new Login.Busy(BUSY_RETRY);
        }
        return ok.get() && user.isPresent() ? new Login.Accepted(user.get()) : new Login.Refused();
    }

    /** The hash of a new password, made through the gate; empty when too many run at once. */
    public Optional<String> hashNewPassword(String password) throws UserProblem {
        validatePassword(password);
        return gate.run(() -> hasher.hash(password));
    }

    /** Refuses a name that {@link #create} would refuse, without creating anything. */
    public static void validateUsername(String username) throws UserProblem {
        if (username == null || username.length() > MAX_USERNAME || !USERNAME.matcher(username).matches()) {
            throw new UserProblem("invalid username '" + username + "': use at most " + MAX_USERNAME
                    + " letters, digits and '.', '_' or '-', starting and ending with a letter or digit");
        }
    }

    public static void validatePassword(String password) throws UserProblem {
        if (password == null || password.length() < MIN_PASSWORD) {
            throw new UserProblem("the password must be at least " + MIN_PASSWORD + " characters long");
        }
        if (password.length() > MAX_PASSWORD) {
            throw new UserProblem("the password must be at most " + MAX_PASSWORD + " characters long");
        }
    }

    private static void validate(String username, String email, String password) throws UserProblem {
        validateUsername(username);
        if (email != null && !EMAIL.matcher(email).matches()) {
            throw new UserProblem("invalid email address '" + email + "'");
        }
        validatePassword(password);
    }
}
