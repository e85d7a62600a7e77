package gomikrobot.cli;

/** Wrong arguments: the command prints this one line plus its usage line and exits 2. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }
}
