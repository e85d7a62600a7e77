package gomikrobot.tools;

import java.nio.file.FileSystemException;
import java.nio.file.Path;

/**
 * A file or folder on a confined path changed between being checked and being opened: a folder was replaced,
 * or a link appeared where the resolved path had none. The operation was refused (it fails closed); trying
 * again resolves the path afresh.
 */
public final class PathChangedException extends FileSystemException {
    public PathChangedException(Path path) {
        super(path.toString(), null, "changed while it was being opened (a folder was replaced or a link appeared); "
                + "try again");
    }
}
