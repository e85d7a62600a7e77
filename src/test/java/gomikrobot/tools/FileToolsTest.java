package gomikrobot.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.json.Json;
import gomikrobot.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileToolsTest {
    @TempDir
    Path tmp;
    private Path workspace;
    private Path outside;
    private ToolContext ctx;
    private Path home;

    @BeforeEach
    void setUp() throws IOException {
        workspace = Files.createDirectories(tmp.resolve("workspace"));
        outside = Files.createDirectories(tmp.resolve("outside"));
        home = tmp.resolve("home");
        ctx = Contexts.owner(workspace, null);
    }

    private static JsonObject args(Object... keysAndValues) {
        return JsonObject.of(Json.object(keysAndValues));
    }

    @Test
    void readsATextFile() throws IOException {
        Files.writeString(workspace.resolve("a.txt"), "hello\n");
        assertEquals(new ToolResult.Ok("hello\n"), new ReadFileTool(home).execute(args("path", "a.txt"), ctx));
    }

    @Test
    void readCutsLargeFilesAtTheCapWithANote() throws IOException {
        Files.writeString(workspace.resolve("big.txt"), "x".repeat(ReadFileTool.MAX_BYTES + 10));
        String out = new ReadFileTool(home).execute(args("path", "big.txt"), ctx).forModel();
        assertTrue(out.startsWith("x".repeat(ReadFileTool.MAX_BYTES) + "\n... (truncated"), out.substring(0, 20));
        assertTrue(out.endsWith("of " + (ReadFileTool.MAX_BYTES + 10) + " bytes)"));
    }

    @Test
    void readRefusesBinaryFiles() throws IOException {
        Files.write(workspace.resolve("img.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 1});
        ToolResult r = new ReadFileTool(home).execute(args("path", "img.png"), ctx);
        assertEquals(new ToolResult.Failed("binary file, not shown: img.png (7 bytes)"), r);
    }

    @Test
    void readRefusesFilesOutsideTheWorkspace() throws IOException {
        Files.writeString(outside.resolve("secret.txt"), "secret");
        assertThrows(IllegalArgumentException.class,
                () -> new ReadFileTool(home).execute(args("path", "../outside/secret.txt"), ctx));
    }

    @Test
    void readRefusesDirectories() {
        ToolResult r = new ReadFileTool(home).execute(args("path", "."), ctx);
        assertEquals(new ToolResult.Failed("is a directory (use list_dir): ."), r);
    }

    @Test
    void missingFilesAndFoldersAreToldAsFailures() throws IOException {
        Files.writeString(workspace.resolve("a.txt"), "");
        assertEquals(new ToolResult.Failed("cannot read missing.txt: no such file or directory"),
                new ReadFileTool(home).execute(args("path", "missing.txt"), ctx));
        assertEquals(new ToolResult.Failed("cannot list nothing: no such file or directory"),
                new ListDirTool(home).execute(args("path", "nothing"), ctx));
        assertEquals(new ToolResult.Failed("cannot list a.txt: not a directory"),
                new ListDirTool(home).execute(args("path", "a.txt"), ctx));
    }

    @Test
    void backslashesInPathsAreRefusedNotTranslated() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new WriteFileTool(home).execute(args("path", "docs\\x.md", "content", "x"), ctx));
        assertEquals("a backslash is not a path separator here; use /: docs\\x.md", e.getMessage());
    }

    @Test
    void listsEntriesSortedWithDirectoriesMarked() throws IOException {
        Files.createDirectories(workspace.resolve("sub"));
        Files.writeString(workspace.resolve("b.txt"), "");
        Files.writeString(workspace.resolve("a.txt"), "");
        assertEquals(new ToolResult.Ok("a.txt\nb.txt\nsub/"), new ListDirTool(home).execute(args(), ctx));
    }

    @Test
    void listCapsTheNumberOfEntries() throws IOException {
        Path many = Files.createDirectories(workspace.resolve("many"));
        for (int i = 0; i < ListDirTool.MAX_ENTRIES + 5; i++) {
            Files.createFile(many.resolve(String.format("f%05d", i)));
        }
        String out = new ListDirTool(home).execute(args("path", "many"), ctx).forModel();
        assertEquals(ListDirTool.MAX_ENTRIES + 1, out.lines().count());
        assertTrue(out.endsWith("... (5 more entries not shown)"));
    }

    @Test
    void listSaysWhenADirectoryIsEmpty() throws IOException {
        Files.createDirectories(workspace.resolve("empty"));
        assertEquals(new ToolResult.Ok("(empty directory)"), new ListDirTool(home).execute(args("path", "empty"), ctx));
    }

    @Test
    void writeCreatesParentDirectories() throws IOException {
        ToolResult r = new WriteFileTool(home).execute(args("path", "docs/new/n.md", "content", "ünï"), ctx);
        assertEquals(new ToolResult.Ok("Wrote 5 bytes to docs/new/n.md"), r);
        assertEquals("ünï", Files.readString(workspace.resolve("docs/new/n.md")));
    }

    @Test
    void writeRefusesContentOverTheCap() {
        ToolResult r = new WriteFileTool(home).execute(
                args("path", "big.txt", "content", "x".repeat(WriteFileTool.MAX_BYTES + 1)), ctx);
        assertInstanceOf(ToolResult.Failed.class, r);
        assertTrue(Files.notExists(workspace.resolve("big.txt")));
    }

    @Test
    void writeRefusesSymlinkPointingOutOfTheWorkspace() throws IOException {
        Files.createSymbolicLink(workspace.resolve("escape"), outside);
        assertThrows(IllegalArgumentException.class,
                () -> new WriteFileTool(home).execute(args("path", "escape/x.txt", "content", "x"), ctx));
        assertTrue(Files.notExists(outside.resolve("x.txt")));
    }

    @Test
    void editReplacesTheSingleOccurrence() throws IOException {
        Files.writeString(workspace.resolve("e.txt"), "alpha beta gamma");
        ToolResult r = new EditFileTool(home).execute(args("path", "e.txt", "old_text", "beta", "new_text", "BETA"), ctx);
        assertEquals(new ToolResult.Ok("Edited e.txt"), r);
        assertEquals("alpha BETA gamma", Files.readString(workspace.resolve("e.txt")));
    }

    @Test
    void editRefusesAmbiguousOldText() throws IOException {
        Files.writeString(workspace.resolve("e.txt"), "x = 1\nx = 1\n");
        ToolResult r = new EditFileTool(home).execute(args("path", "e.txt", "old_text", "x = 1", "new_text", "y"), ctx);
        assertEquals(new ToolResult.Failed("old_text occurs 2 times in e.txt; include more surrounding text"), r);
        assertEquals("x = 1\nx = 1\n", Files.readString(workspace.resolve("e.txt")));
    }

    @Test
    void editCountsOverlappingOccurrencesAsAmbiguous() throws IOException {
        Files.writeString(workspace.resolve("e.txt"), "aaa");
        ToolResult r = new EditFileTool(home).execute(args("path", "e.txt", "old_text", "aa", "new_text", "b"), ctx);
        assertInstanceOf(ToolResult.Failed.class, r);
    }

    @Test
    void editReportsMissingOldText() throws IOException {
        Files.writeString(workspace.resolve("e.txt"), "abc");
        ToolResult r = new EditFileTool(home).execute(args("path", "e.txt", "old_text", "zzz", "new_text", "y"), ctx);
        assertEquals(new ToolResult.Failed("old_text not found in e.txt"), r);
    }

    @Test
    void editRefusesFilesThatAreNotUtf8Text() throws IOException {
        Files.write(workspace.resolve("latin1.txt"), new byte[] {'c', 'a', 'f', (byte) 0xE9});
        ToolResult r = new EditFileTool(home).execute(
                args("path", "latin1.txt", "old_text", "caf", "new_text", "tea"), ctx);
        assertEquals(new ToolResult.Failed("not a UTF-8 text file: latin1.txt"), r);
    }
}
