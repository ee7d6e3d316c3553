package io.regalia.store.db;

/**
 * The database cannot be used: the embedded server does not start, a server does not accept
 * connections, or its version is too old. The message says which and where, without credentials.
 */
public class DatabaseException extends RuntimeException {
    public DatabaseException(String message) {
        super(message);
    }

    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
