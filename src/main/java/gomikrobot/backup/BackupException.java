package gomikrobot.backup;

/**
 * A backup or restore that cannot go on, with one line for the user that names the file or folder concerned
 * ("workspace/SOUL.md: checksum mismatch"). Whatever was changed has been put back when this is thrown.
 */
public final class BackupException extends RuntimeException {
    public BackupException(String message) {
        super(message);
    }

    public BackupException(String message, Throwable cause) {
        super(message, cause);
    }
}
