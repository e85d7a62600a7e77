package gomikrobot.process;

import java.nio.file.Path;
import java.util.List;

/**
 * What a sandboxed command sees of the host besides the read-only system folders: the folders it may write
 * ({@code writable}, e.g. the workspace and the work repo) and the folders that must stay invisible even where
 * they lie inside something visible ({@code hidden}, e.g. the user's home and the GoMikroBot home). Where one
 * lies inside the other, the deeper folder wins; for the same folder, hidden wins.
 */
public record SandboxLayout(List<Path> writable, List<Path> hidden) {
    public SandboxLayout {
        writable = List.copyOf(writable);
        hidden = List.copyOf(hidden);
    }
}
