package dev.cheeseshop.auth;

/** Why a user account could not be created: the message says what is wrong, in one line. */
public final class UserProblem extends Exception {
    public UserProblem(String message) {
        super(message);
    }
}
