package gomikrobot.gateway;

import gomikrobot.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The repository routes that read the file system rather than run git: the tree listing, one file's
 * content, and the search for repositories. Every user path is confined to its repo by {@link Confinement}
 * (400 {@code path outside repo}); symlinked directories are listed but never followed.
 */
final class RepoFiles {
    static final int MAX_FILE_BYTES = 200_000;
    static final String OUTSIDE = "path outside repo";

    /** RepoItems under {@code sub} (empty for the repo root), depth first, names sorted, {@code .git} skipped. */
    List<Map<String, Object>> tree(Path repo, String sub) throws IOException {
        Path realRepo = realRepo(repo);
        Path start = sub.isEmpty() ? realRepo : confine(realRepo, sub);
        if (!Files.isDirectory(start, LinkOption.NOFOLLOW_LINKS)) {
            throw new HttpError(500, "not a directory: " + (sub.isEmpty() ? "." : sub));
        }
        List<Map<String, Object>> items = new ArrayList<>();
        walk(realRepo, start, items);
        return items;
    }

    /** The {@code content} of a file: text, {@code [binary file]}, or the first 200 000 bytes marked truncated. */
    String content(Path repo, String relative) throws IOException {
        Path file = confine(realRepo(repo), relative);
        if (!Files.isRegularFile(file)) {
            throw new HttpError(500, "cannot read " + relative + ": " + (Files.exists(file) ? "not a file" : "no such file"));
        }
        byte[] head;
        boolean truncated;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(MAX_FILE_BYTES);
            truncated = in.read() >= 0;
        }
        if (!isUtf8(head, truncated)) {
            return "[binary file]";
        }
        String text = new String(head, StandardCharsets.UTF_8);
        return truncated ? text + "\n... (truncated)" : text;
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
    static Path confine(Path repo, String relative) throws IOException {
        return Confinement.resolve(repo, relative).orElseThrow(() -> HttpError.badRequest(OUTSIDE));
    }

    /** The repo's real path (confinement needs it to exist), or 500 naming the missing folder. */
    static Path realRepo(Path repo) {
        try {
            return repo.toRealPath();
        } catch (IOException e) {
            throw new HttpError(500, "repo folder not found: " + repo);
        }
    }

    private static void walk(Path repo, Path dir, List<Map<String, Object>> items) throws IOException {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            entries.forEach(children::add);
        }
        children.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        for (Path child : children) {
            BasicFileAttributes attrs = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            String name = child.getFileName().toString();
            if (attrs.isDirectory() && name.equals(".git")) {
                continue;
            }
            String path = repo.relativize(child).toString().replace('\\', '/');
            items.add(Json.object("path", path, "name", name, "type", attrs.isDirectory() ? "dir" : "file",
                    "depth", path.chars().filter(c -> c == '/').count(), "size", attrs.size()));
            if (attrs.isDirectory()) {
                walk(repo, child, items);
            }
        }
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
