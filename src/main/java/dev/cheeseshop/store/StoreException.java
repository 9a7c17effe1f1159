package dev.cheeseshop.store;

/** A failure of the storage itself (connection lost, disk full, lock timeout): never the client's fault. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
