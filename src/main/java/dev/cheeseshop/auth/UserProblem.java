package dev.cheeseshop.auth;

/** Why a user account could not be created: the message says what is wrong, in one line. */
public final class UserProblem extends Exception {
    private final boolean taken;

    public UserProblem(String message) {
        this(message, false);
    }

    private UserProblem(String message, boolean taken) {
        super(message);
        this.taken = taken;
    }

    /** The name is taken (in any case): a conflict, not bad input. */
    static UserProblem taken(String username) {
        return new UserProblem("user '" + username + "' already exists", true);
    }

    public boolean taken() {
        return taken;
    }
}
