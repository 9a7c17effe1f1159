package dev.cheeseshop.backup;

/** A backup or restore refused, or failed: the message is the one line the operator sees. */
public final class BackupProblem extends Exception {
    public BackupProblem(String message) {
        super(message, null, false, false);
    }
}
