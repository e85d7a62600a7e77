package gomikrobot.gateway;

/**
 * A request that cannot be served, with the status and the message the client sees as {@code {"error": …}}.
 * Thrown anywhere below {@link JsonErrors}, which turns it into the response; carries no stack trace because
 * it is an answer, not a bug.
 */
final class HttpError extends RuntimeException {
    private final int status;

    HttpError(int status, String message) {
        super(message, null, false, false);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("not an error status: " + status);
        }
        this.status = status;
    }

    int status() {
        return status;
    }

    static HttpError badRequest(String message) {
        return new HttpError(400, message);
    }

    static HttpError notFound() {
        return new HttpError(404, "not found");
    }
}
