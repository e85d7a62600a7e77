package gomikrobot.provider;

/**
 * A provider call that did not produce an answer. The message is one line, never contains the API key, and
 * includes the server's own error text when there was one. {@code status} is the HTTP status, or 0 when no HTTP
 * answer arrived; {@code retryable} says whether trying again later could help.
 */
public final class ProviderException extends RuntimeException {
    private final int status;
    private final boolean retryable;

    public ProviderException(String message, int status, boolean retryable) {
        super(message);
        this.status = status;
        this.retryable = retryable;
    }

    public ProviderException(String message, int status, boolean retryable, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.retryable = retryable;
    }

    public int status() {
        return status;
    }

    public boolean retryable() {
        return retryable;
    }
}
