package gomikrobot.cli;

import gomikrobot.files.AtomicFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The starter soul files shipped in the jar ({@code /gomikrobot/soul/}) and their state in a workspace. A file
 * whose text differs from the starter is the user's: {@link #state} says so, and only an explicit
 * {@link #writeStarter} replaces it.
 */
final class SoulFiles {
    /** The order the agent reads them in. */
    static final List<String> NAMES = List.of("AGENTS.md", "SOUL.md", "USER.md", "TOOLS.md", "IDENTITY.md");

    enum State { MISSING, STARTER, EDITED }

    private SoulFiles() {
    }

    static String starter(String name) {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("not a soul file: " + name);
        }
        try (InputStream in = SoulFiles.class.getResourceAsStream("/gomikrobot/soul/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the jar has no starter " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the starter " + name, e);
        }
    }

    /** Line endings and trailing blanks do not count as an edit; everything else does. */
    static State state(Path workspace, String name) throws IOException {
        Path file = workspace.resolve(name);
        if (!Files.exists(file)) {
            return State.MISSING;
        }
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8); // not UTF-8: differs, so EDITED
        return normalise(text).equals(normalise(starter(name))) ? State.STARTER : State.EDITED;
    }

    /** Writes the starter text, atomically (temp file, then rename), creating the workspace if needed. */
    static void writeStarter(Path workspace, String name) throws IOException {
        Files.createDirectories(workspace);
        AtomicFile.replace(workspace.resolve(name), out -> out.write(starter(name).getBytes(StandardCharsets.UTF_8)));
    }

    private static String normalise(String text) {
        return text.replace("\r\n", "\n").strip();
    }
}
