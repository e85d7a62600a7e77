package gomikrobot.tools;

import java.nio.file.FileSystemException;
import java.nio.file.Path;

/** A regular file was needed, and the confined path names a folder or something else (a device, a socket). */
public final class NotAFileException extends FileSystemException {
    private final boolean folder;

    public NotAFileException(Path path, boolean folder) {
        super(path.toString(), null, folder ? "is a folder, not a file" : "not a regular file");
        this.folder = folder;
    }

    /** True when the path names a folder. */
    public boolean isFolder() {
        return folder;
    }
}
