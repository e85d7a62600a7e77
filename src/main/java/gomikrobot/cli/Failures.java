package gomikrobot.cli;

/** Turns an exception into the one line a user reads: its own message, or its type when it has none. */
final class Failures {
    private Failures() {
    }

    static String describe(Throwable e) {
        Throwable t = e;
        while (t.getMessage() == null && t.getCause() != null) {
            t = t.getCause();
        }
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
    }
}
