package dev.cheeseshop.migrate;

/** A migration refused to start or to go on: the message is the one line its user sees. */
public final class MigrationProblem extends Exception {
    public MigrationProblem(String message) {
        super(message, null, false, false);
    }
}
