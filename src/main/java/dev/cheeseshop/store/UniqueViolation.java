package dev.cheeseshop.store;

/**
 * A write broke a uniqueness rule: two concurrent transactions raced to create the same thing
 * (the same project name, filename or file content). Use cases turn this into the same answer the
 * loser would have got had it come second.
 */
public class UniqueViolation extends StoreException {
    public UniqueViolation(String message, Throwable cause) {
        super(message, cause);
    }
}
