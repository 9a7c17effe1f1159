package dev.cheeseshop.manage;

import dev.cheeseshop.auth.Accounts;
import dev.cheeseshop.auth.Login;
import dev.cheeseshop.auth.Principal;
import dev.cheeseshop.auth.UserProblem;
import dev.cheeseshop.model.User;
import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.store.Transaction;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * User accounts: create, change a password, disable, enable, list, show. The JSON API and the
 * command line call the same methods; the caller is the authenticated {@link Principal}, or null
 * for the operator at the command line, who may do anything.
 *
 * <p>Who may do what: an administrator everything; a user only read their own account and change
 * their own password (giving the current one); a token scoped to projects only read its user's
 * account. Passwords are hashed and checked through the {@link Accounts}' bound on concurrent
 * Argon2 runs, and never appear in a message. A password change and a disabling end the user's
 * browser sessions ({@code auth.WebSessions}) in their own transaction.
 */
public final class UserManagement {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    private final MetadataStore store;
    private final Accounts accounts;
    private final Clock clock;

    public UserManagement(MetadataStore store, Accounts accounts, Clock clock) {
        this.store = store;
        this.accounts = accounts;
        this.clock = clock;
    }

    public User create(Principal caller, String username, String email, String password, boolean admin)
            throws ManageProblem {
        requireAdmin(caller, "create users");
        try {
            return accounts.create(username, email, password, admin);
        } catch (UserProblem e) {
            throw e.taken() ? ManageProblem.conflict(e.getMessage()) : ManageProblem.badRequest(e.getMessage());
        }
    }

    /**
     * Sets {@code username}'s password. A user changing their own gives the current one
     * ({@code current}), checked as a login from {@code address} (a wrong one counts towards the
     * failed-login limit, and past it the check is refused unmade); an administrator or the
     * operator need not.
     */
    public User changePassword(Principal caller, String address, String username, String current, String newPassword)
            throws ManageProblem {
        return changePassword(caller, address, username, current, newPassword, OptionalLong.empty());
    }

    /**
     * As {@link #changePassword(Principal, String, String, String, String)}, and every browser
     * session of the user ends in the same transaction, but {@code keepSession} (the id of the
     * session that made the change, {@code auth.WebSession#id}), so that whoever knew the old
     * password is logged out and the one who changed it is not. Empty: every session ends.
     */
    public User changePassword(Principal caller, String address, String username, String current, String newPassword,
            OptionalLong keepSession) throws ManageProblem {
        requireUnscoped(caller, "change passwords");
        boolean privileged = caller == null || caller.user().admin();
        if (!privileged && !caller.user().username().equalsIgnoreCase(username)) {
            throw ManageProblem.forbidden("only an administrator may change another user's password");
        }
        User user = find(username);
        try {
            Accounts.validatePassword(newPassword);
        } catch (UserProblem e) {
            throw ManageProblem.badRequest(e.getMessage());
        }
        if (!privileged) {
            if (current == null) {
                throw ManageProblem.badRequest("password: the current password is required");
            }
            Login check = accounts.confirm(address, user, current);
            if (check instanceof Login.Throttled throttled) {
                throw ManageProblem.throttled("There have been too many unsuccessful login attempts. Try again later.",
                        throttled.retryAfter());
            }
            if (check instanceof Login.Busy) {
                throw busy();
            }
            if (!(check instanceof Login.Accepted)) {
                throw ManageProblem.forbidden("the current password is wrong");
            }
        }
        String hash;
        try {
            hash = accounts.hashNewPassword(newPassword).orElseThrow(UserManagement::busy);
        } catch (UserProblem e) {
            throw ManageProblem.badRequest(e.getMessage());
        }
        if (!store.write((Transaction tx) -> {
            endSessions(tx, user.id(), keepSession);
            return tx.users().setPasswordHash(user.id(), hash);
        })) {
            throw ManageProblem.notFound("no user '" + username + "'");
        }
        return find(username);
    }

    /**
     * Disables an account: its password and tokens are refused from the next request on, and its
     * browser sessions end (in the same transaction); its roles stay.
     */
    public User disable(Principal caller, String username) throws ManageProblem {
        requireAdmin(caller, "disable users");
        User user = find(username);
        if (caller != null && caller.user().id() == user.id()) {
            throw ManageProblem.conflict("an administrator cannot disable their own account");
        }
        if (user.disabled()) {
            throw ManageProblem.conflict("user '" + user.username() + "' is already disabled");
        }
        store.write((Transaction tx) -> {
            endSessions(tx, user.id(), OptionalLong.empty());
            return tx.users().setDisabledAt(user.id(), clock.instant());
        });
        return find(username);
    }

    public User enable(Principal caller, String username) throws ManageProblem {
        requireAdmin(caller, "enable users");
        User user = find(username);
        if (!user.disabled()) {
            throw ManageProblem.conflict("user '" + user.username() + "' is not disabled");
        }
        store.write((Transaction tx) -> tx.users().setDisabledAt(user.id(), null));
        return find(username);
    }

    /** Users in name order (case-folded), after {@code after} (null: from the first), at most {@code limit}. */
    public List<User> list(Principal caller, String after, int limit) throws ManageProblem {
        requireAdmin(caller, "list users");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ManageProblem.badRequest("limit: a whole number from 1 to " + MAX_LIMIT);
        }
        return store.read((Transaction tx) -> tx.users().list(after, limit));
    }

    /** One account: the caller's own, or any for an administrator. */
    public User get(Principal caller, String username) throws ManageProblem {
        if (caller != null && !caller.user().admin() && !caller.user().username().equalsIgnoreCase(username)) {
            throw ManageProblem.forbidden("only an administrator may see another user's account");
        }
        return find(username);
    }

    private User find(String username) throws ManageProblem {
        Optional<User> user = username == null ? Optional.empty()
                : store.read((Transaction tx) -> tx.users().find(username));
        return user.orElseThrow(() -> ManageProblem.notFound("no user '" + username + "'"));
    }

    /** Ends the user's browser sessions, all or all but {@code keep}. */
    private static void endSessions(Transaction tx, long userId, OptionalLong keep) {
        if (keep.isPresent()) {
            tx.sessions().deleteForUserExcept(userId, keep.getAsLong());
        } else {
            tx.sessions().deleteForUser(userId);
        }
    }

    private static void requireUnscoped(Principal caller, String what) throws ManageProblem {
        if (caller != null && caller.scoped()) {
            throw ManageProblem.forbidden("a token scoped to projects cannot " + what);
        }
    }

    private static void requireAdmin(Principal caller, String what) throws ManageProblem {
        requireUnscoped(caller, what);
        if (caller != null && !caller.user().admin()) {
            throw ManageProblem.forbidden("only an administrator may " + what);
        }
    }

    private static ManageProblem busy() {
        return ManageProblem.busy("too many passwords are being checked at once: try again in a moment",
                Accounts.BUSY_RETRY);
    }
}
