package gomikrobot.gateway;

import gomikrobot.json.Json;
import gomikrobot.tools.ConfinedPath;
import gomikrobot.tools.NotAFileException;
import gomikrobot.tools.PathChangedException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The repository routes that read the file system rather than run git: the tree listing, one file's
 * content, and the search for repositories. Every user path is confined to its repo by {@link Confinement}
 * (400 {@code path outside repo}) and opened through {@link ConfinedPath}, so what is read is what was checked;
 * symlinked folders are listed but never followed. A missing path is 404, a file where a folder is needed (or
 * the reverse) 400, a path changed while being opened 409.
 */
final class RepoFiles {
    static final int MAX_FILE_BYTES = 200_000;
    static final String OUTSIDE = "path outside repo";

    /** RepoItems under {@code sub} (empty for the repo root), depth first, names sorted, {@code .git} skipped. */
    List<Map<String, Object>> tree(Path repo, String sub) throws IOException {
        List<Map<String, Object>> items = new ArrayList<>();
        try {
            confine(repo, sub).walk((path, attrs) -> {
                String name = path.substring(path.lastIndexOf('/') + 1);
                if (attrs.isDirectory() && name.equals(".git")) {
                    return false;
                }
                items.add(Json.object("path", path, "name", name, "type", attrs.isDirectory() ? "dir" : "file",
                        "depth", path.chars().filter(c -> c == '/').count(), "size", attrs.size()));
                return attrs.isDirectory();
            });
        } catch (IOException e) {
            throw refusal(e, sub.isEmpty() ? "." : sub);
        }
        return items;
    }

    /** The {@code content} of a file: text, {@code [binary file]}, or the first 200 000 bytes marked truncated. */
    String content(Path repo, String relative) throws IOException {
        ConfinedPath.Head head;
        try {
            head = confine(repo, relative).readHead(MAX_FILE_BYTES);
        } catch (IOException e) {
            throw refusal(e, relative);
        }
        if (!isUtf8(head.bytes(), head.truncated())) {
            return "[binary file]";
        }
        String text = new String(head.bytes(), StandardCharsets.UTF_8);
        return head.truncated() ? text + "\n... (truncated)" : text;
    }

    /** {@code {"repos": [...], "root": ...}}: sub-folders of root holding a {@code .git} entry, by name. */
    Map<String, Object> search(Path root) {
        List<String> repos = new ArrayList<>();
        try (Stream<Path> children = Files.list(root)) {
            children.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> Files.exists(p.resolve(".git"), LinkOption.NOFOLLOW_LINKS))
                    .sorted()
                    .forEach(p -> repos.add(p.toAbsolutePath().toString()));
        } catch (IOException | SecurityException e) {
            repos.clear(); // an unreadable root lists no repos, as the original does
        }
        return Json.object("repos", repos, "root", root.toString());
    }

    /** The confined path, or 400 {@code path outside repo}. */
    static ConfinedPath confine(Path repo, String relative) throws IOException {
        return Confinement.resolve(realRepo(repo), relative).orElseThrow(() -> HttpError.badRequest(OUTSIDE));
    }

    /** The repo's real path (confinement needs it to exist), or 404 naming the missing folder. */
    static Path realRepo(Path repo) {
        try {
            return repo.toRealPath();
        } catch (IOException e) {
            throw new HttpError(404, "repo folder not found: " + repo + " (POST /api/v1/repo/init creates it)");
        }
    }

    /** The answer for what the file system refused about {@code shown}, the user's path; the rest is a bug. */
    private static HttpError refusal(IOException e, String shown) throws IOException {
        return switch (e) {
            case NoSuchFileException missing -> new HttpError(404, "no such file or folder: " + shown
                    + " (GET /api/v1/repo/tree lists what exists)");
            case NotDirectoryException notFolder -> HttpError.badRequest("not a folder: " + shown
                    + " (GET /api/v1/repo/file?path=" + shown + " reads a file)");
            case NotAFileException notFile -> HttpError.badRequest(notFile.isFolder()
                    ? "not a file: " + shown + " is a folder (GET /api/v1/repo/tree?path=" + shown + " lists it)"
                    : "not a regular file: " + shown);
            case PathChangedException changed -> new HttpError(409, shown
                    + " changed while it was being opened (a folder was replaced or a link appeared); try again");
            case AccessDeniedException denied -> new HttpError(403, "permission denied: " + shown);
            default -> throw e;
        };
    }

    /** Valid UTF-8; when cut short, a character split by the cut does not count against it. */
    private static boolean isUtf8(byte[] bytes, boolean cutShort) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(ByteBuffer.wrap(bytes), out, !cutShort);
        return !result.isError();
    }
}
