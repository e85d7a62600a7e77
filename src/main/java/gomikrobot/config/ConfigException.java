package gomikrobot.config;

/**
 * A configuration problem the user must fix: a malformed or unreadable file, a value of the wrong type or out
 * of range, an unparsable environment variable. The message is always a single line starting with
 * {@code config error: } and naming where the bad value came from (file with line and column, or the
 * environment variable), so a command can print it as is and exit with code 1.
 */
public final class ConfigException extends RuntimeException {

    public ConfigException(String detail) {
        super("config error: " + oneLine(detail));
    }

    public ConfigException(String detail, Throwable cause) {
        super("config error: " + oneLine(detail), cause);
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
