package gomikrobot.scheduler;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The heartbeat's check: when {@code HEARTBEAT.md} in the workspace holds open items, the prompt of a turn that
 * acts on them; otherwise why there is nothing to run, and no model call is made. A file over
 * {@value #MAX_BYTES} bytes is not read.
 */
final class Heartbeat {
    static final String FILE = "HEARTBEAT.md";
    /** The answer that means "nothing to report": it is not sent. */
    static final String NOTHING_TO_REPORT = "HEARTBEAT_OK";
    static final int MAX_BYTES = 64 * 1024;

    private final Path file;

    Heartbeat(Path workspace) {
        this.file = workspace.resolve(FILE);
    }

    /** What one beat does: run a turn with this text, or record this status and run nothing. */
    sealed interface Check permits Check.Run, Check.Skip {
        record Run(String text) implements Check {
        }

        record Skip(String status) implements Check {
        }
    }

    Check check() {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            return new Check.Skip("no_file");
        } catch (IOException e) {
            return new Check.Skip("unreadable: " + e.getMessage());
        }
        if (bytes.length > MAX_BYTES) {
            return new Check.Skip("too_large: " + FILE + " is over " + MAX_BYTES + " bytes");
        }
        HeartbeatFile read = HeartbeatFile.parse(new String(bytes, StandardCharsets.UTF_8));
        if (read.openItems().isEmpty()) {
            return new Check.Skip("no_open_items");
        }
        return new Check.Run(prompt(read));
    }

    private static String prompt(HeartbeatFile read) {
        StringBuilder text = new StringBuilder("[Heartbeat] Time for your periodic check of " + FILE + " in the"
                + " workspace. Act on its open items with your tools where you can. Then reply with a short note for"
                + " the owner about anything that needs their attention; if nothing does, reply with exactly "
                + NOTHING_TO_REPORT + " (that reply is not sent).\n\nOpen items:\n");
        read.openItems().forEach(item -> text.append("- ").append(item).append('\n'));
        return text.append('\n').append(FILE).append(":\n").append(read.text()).toString();
    }
}
