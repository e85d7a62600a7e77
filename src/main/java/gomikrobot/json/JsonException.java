package gomikrobot.json;

/**
 * Malformed JSON, or a value of the wrong shape. Carries the 1-based line and column of the problem when it
 * comes from parsing (both 0 when it comes from reading a field of an already parsed value).
 */
public final class JsonException extends RuntimeException {
    private final int line;
    private final int column;

    public JsonException(String message, int line, int column) {
        super(message);
        this.line = line;
        this.column = column;
    }

    public JsonException(String message) {
        this(message, 0, 0);
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** "message at line L, column C" when the position is known, else just the message. */
    public String describe() {
        return line > 0 ? getMessage() + " at line " + line + ", column " + column : getMessage();
    }
}
