package gomikrobot.backup;

import gomikrobot.config.Config;
import gomikrobot.config.ConfigFile;
import gomikrobot.config.ConfigLoader;
import gomikrobot.json.Json;
import gomikrobot.observe.Ids;
import gomikrobot.observe.Log;
import gomikrobot.timeline.Database;
import gomikrobot.timeline.NewTask;
import gomikrobot.timeline.Timeline;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A GoMikroBot installation in a temp folder: its own home, ports nobody listens on, and (after
 * {@link #populate}) a config file, a database with tasks, WhatsApp session files and a workspace.
 */
final class Installation {
    final Path home;
    final Map<String, String> env;
    final Config config;
    final DataPaths paths;

    /** @param workspace the configured workspace, or null for the default {@code <home>/workspace} */
    Installation(Path root, String name, Path workspace) throws IOException {
        this.home = root.resolve(name);
        int port = closedPort();
        Map<String, String> e = new HashMap<>(Map.of("GOMIKROBOT_HOME", home.toString(),
                "MIKROBOT_PORT", Integer.toString(port), "MIKROBOT_DASHBOARD_PORT", Integer.toString(port)));
        if (workspace != null) {
            e.put("MIKROBOT_AGENTS_WORKSPACE", workspace.toString());
        }
        this.env = Map.copyOf(e);
        this.config = new ConfigLoader(env, root).load();
        this.paths = DataPaths.of(config);
    }

    /** A port that was free a moment ago: nothing listens there. */
    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Writes config.json (0600), {@code tasks} tasks, a WhatsApp session and workspace files tagged {@code tag}. */
    Installation populate(String tag, int tasks) throws IOException {
        ConfigFile.write(paths.config(), Json.object("model", Json.object("name", "model-" + tag)));
        try (Database db = Database.open(paths.database(), Log.quiet())) {
            Timeline timeline = Timeline.open(db, Clock.systemUTC(), new Ids(Clock.systemUTC()));
            for (int i = 0; i < tasks; i++) {
                timeline.tasks().create(new NewTask(tag + "-" + i, "trace-" + tag + "-" + i, "cli", "default",
                        "owner", "", "message " + i + " of " + tag));
            }
        }
        Files.createDirectories(paths.whatsapp());
        Files.writeString(paths.whatsapp().resolve("session.json"), "{\"session\":\"" + tag + "\"}");
        Files.createDirectories(paths.workspace().resolve("sessions"));
        Files.createDirectories(paths.workspace().resolve("media/images"));
        Files.writeString(paths.workspace().resolve("SOUL.md"), "# Soul of " + tag + "\n");
        Files.writeString(paths.workspace().resolve("sessions/cli_default.jsonl"), "{\"role\":\"user\",\"content\":\"" + tag + "\"}\n");
        Files.write(paths.workspace().resolve("media/images/photo.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3});
        return this;
    }

    /** The idempotency keys of every task in the database, sorted. */
    List<String> taskKeys() {
        try (Database db = Database.open(paths.database(), Log.quiet())) {
            return db.read(c -> {
                List<String> keys = new java.util.ArrayList<>();
                try (var s = c.createStatement(); var rs = s.executeQuery("SELECT idempotency_key FROM tasks ORDER BY idempotency_key")) {
                    while (rs.next()) {
                        keys.add(rs.getString(1));
                    }
                }
                return keys;
            });
        }
    }

    /** Every file under {@code dir} with its SHA-256, folders and links marked: compares whole trees. */
    static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> tree = new TreeMap<>();
        if (!Files.exists(dir)) {
            return tree;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                tree.put(dir.relativize(d) + "/", "dir");
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                tree.put(dir.relativize(f).toString(), attrs.isSymbolicLink() ? "link" : sha256(Files.readAllBytes(f)));
                return FileVisitResult.CONTINUE;
            }
        });
        return tree;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
