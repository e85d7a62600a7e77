package gomikrobot.timeline;

/** A database operation failed; the message says which one and why (SQLite's own message included). */
public final class DatabaseException extends RuntimeException {
    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }

    public DatabaseException(String message) {
        super(message);
    }
}
