package gomikrobot.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.json.Json;
import gomikrobot.json.JsonObject;
import gomikrobot.testing.FolderSwapper;
import gomikrobot.testing.SwapScene;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check-then-use race: while one thread keeps swapping a workspace folder for a link to a folder outside and
 * back, {@code read_file} and {@code write_file} on a file in it, {@value SwapScene#RACE_TRIES} times each, never read the
 * outside file and never write outside. Refusals (outside, changed, missing) are expected; escapes are not.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "creating symlinks needs extra privileges there")
class SymlinkSwapRaceTest {
    @TempDir
    Path tmp;
    private SwapScene scene;
    private ToolContext ctx;

    @BeforeEach
    void setUp() throws IOException {
        scene = SwapScene.create(tmp, "workspace");
        ctx = Contexts.owner(scene.root(), null);
    }

    @Test
    void readFileNeverReadsThroughASwappedFolder() throws Exception {
        ReadFileTool read = new ReadFileTool(tmp.resolve("home"));
        int escapes = 0;
        int readInside = 0;
        try (FolderSwapper swapper = scene.startSwapping()) {
            for (int i = 0; i < SwapScene.RACE_TRIES; i++) {
                String answer = attempt(() -> read.execute(args("path", "dir/f.txt"), ctx).forModel());
                escapes += answer.contains(SwapScene.OUTSIDE) ? 1 : 0;
                readInside += answer.equals(SwapScene.INSIDE) ? 1 : 0;
            }
            assertTrue(swapper.swaps() > 0, "the folder was never swapped");
        }
        assertEquals(0, escapes, "reads of the outside file");
        assertTrue(readInside > 0, "no read succeeded at all: the test would prove nothing");
    }

    @Test
    void writeFileNeverWritesThroughASwappedFolder() throws Exception {
        WriteFileTool write = new WriteFileTool(tmp.resolve("home"));
        int written = 0;
        try (FolderSwapper swapper = scene.startSwapping()) {
            for (int i = 0; i < SwapScene.RACE_TRIES; i++) {
                String content = "written " + i;
                String answer = attempt(() -> write.execute(args("path", "dir/f.txt", "content", content), ctx).forModel());
                written += answer.startsWith("Wrote") ? 1 : 0;
            }
            assertTrue(swapper.swaps() > 0, "the folder was never swapped");
        }
        try (Stream<Path> files = Files.list(scene.outside())) {
            assertEquals(List.of(scene.outside().resolve("f.txt")), files.toList(), "files written outside");
        }
        assertEquals(SwapScene.OUTSIDE, Files.readString(scene.outside().resolve("f.txt")), "the outside file was overwritten");
        assertTrue(written > 0, "no write succeeded at all: the test would prove nothing");
    }

    /** The tool's answer, or the refusal's message when the guard threw (a path resolved outside). */
    private static String attempt(java.util.function.Supplier<String> call) {
        try {
            return call.get();
        } catch (IllegalArgumentException refused) {
            return "refused: " + refused.getMessage();
        }
    }

    private static JsonObject args(Object... keysAndValues) {
        return JsonObject.of(Json.object(keysAndValues));
    }
}
