package gomikrobot.browser;

/** A WebDriver command failed: {@code error} is the W3C error code (e.g. {@code no such element}). */
public final class WebDriverException extends RuntimeException {
    private final String error;

    public WebDriverException(String error, String message) {
        super(error + ": " + message);
        this.error = error;
    }

    public WebDriverException(String message, Throwable cause) {
        super(message, cause);
        this.error = "client error";
    }

    public String error() {
        return error;
    }
}
