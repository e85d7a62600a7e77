package gomikrobot.provider;

/**
 * A provider call that did not produce an answer. The message is one line, never contains the API key, and
 * includes the server's own error text when there was one. {@code status} is the HTTP status, or 0 when no HTTP
 * answer arrived; {@code retryable} says whether trying again later could help; {@code serverSaid} is the
 * server's own words alone (with its error code and type), "" when it said nothing.
 */
public final class ProviderException extends RuntimeException {
    private final int status;
    private final boolean retryable;
    private final String serverSaid;

    public ProviderException(String message, int status, boolean retryable) {
        this(message, status, retryable, "", null);
    }

    public ProviderException(String message, int status, boolean retryable, Throwable cause) {
        this(message, status, retryable, "", cause);
    }

    public ProviderException(String message, int status, boolean retryable, String serverSaid, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.retryable = retryable;
        this.serverSaid = serverSaid == null ? "" : serverSaid;
    }

    public int status() {
        return status;
    }

    public boolean retryable() {
        return retryable;
    }

    public String serverSaid() {
        return serverSaid;
    }
}
