package gomikrobot.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.config.Config;
import gomikrobot.config.ConfigLoader;
import gomikrobot.observe.Ids;
import gomikrobot.observe.Log;
import gomikrobot.timeline.Database;
import gomikrobot.timeline.SettingsStore;
import gomikrobot.timeline.Timeline;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReposTest {
    @TempDir
    Path tmp;
    private Path home;
    private Database db;
    private SettingsStore settings;
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final Log log = new Log(Log.Level.WARN, false, new PrintStream(logged, true, StandardCharsets.UTF_8),
            Clock.systemUTC(), Set.of());

    @BeforeEach
    void open() throws Exception {
        home = Files.createDirectories(tmp.resolve("home"));
        db = Database.open(tmp.resolve("timeline.db"), Log.quiet());
        settings = Timeline.open(db, Clock.systemUTC(), new Ids(Clock.systemUTC())).settings();
    }

    @AfterEach
    void close() {
        db.close();
    }

    /** The configuration a gateway with this environment (and its home in the test's folder) would load. */
    private Config config(Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        all.put("GOMIKROBOT_HOME", home.resolve(".gomikrobot").toString());
        return new ConfigLoader(all, home).load();
    }

    @Test
    void theIdentityRepoIsSeededFromTheConfiguredSystemRepo() {
        Path system = home.resolve("bot-identity");
        Repos repos = Repos.atStart(config(Map.of("MIKROBOT_AGENTS_SYSTEM_REPO_PATH", system.toString())), settings,
                home, log);
        assertEquals(Optional.of(system.toString()), settings.get("bot_repo_path"));
        assertEquals(Optional.of(system), repos.identityRepo());
    }

    @Test
    void aStoredRepoSettingOutsideTheAllowedFoldersIsIgnoredWithAWarning() {
        settings.put("work_repo_path", "/etc");
        settings.put("bot_repo_path", "/");
        Repos repos = Repos.atStart(config(Map.of()), settings, home, log);
        assertEquals(home.resolve("GoMikroBot-Workspace"), repos.workRepoHolder().current());
        assertEquals(Optional.empty(), repos.identityRepo());
        String warnings = logged.toString(StandardCharsets.UTF_8);
        assertTrue(warnings.contains("key=work_repo_path") && warnings.contains("key=bot_repo_path"), warnings);
    }

    @Test
    void theConfiguredPathItselfIsTheOwnersChoiceWhereverItLies() {
        Path opt = Path.of("/opt/work-repo"); // the container layout of the operations guide
        settings.put("work_repo_path", opt.toString());
        Repos repos = Repos.atStart(config(Map.of("MIKROBOT_AGENTS_WORK_REPO_PATH", opt.toString())), settings, home,
                log);
        assertEquals(opt, repos.workRepoHolder().current());
        assertEquals("", logged.toString(StandardCharsets.UTF_8));
    }
}
