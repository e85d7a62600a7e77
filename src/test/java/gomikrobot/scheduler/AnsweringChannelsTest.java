package gomikrobot.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gomikrobot.config.Config;
import gomikrobot.config.ConfigLoader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job answers later, so only on channels that deliver later: the web UI, and each chat channel enabled. */
class AnsweringChannelsTest {
    @TempDir
    Path tmp;

    @Test
    void theWebUiAlwaysAndEachEnabledChatChannel() {
        assertEquals(Set.of("webui"), Jobs.answeringChannels(config(Map.of())));
        assertEquals(Set.of("webui", "telegram"), Jobs.answeringChannels(config(Map.of(
                "MIKROBOT_CHANNELS_TELEGRAM_ENABLED", "true", "MIKROBOT_CHANNELS_TELEGRAM_TOKEN", "123:abc"))));
        assertEquals(Set.of("webui", "whatsapp", "telegram"), Jobs.answeringChannels(config(Map.of(
                "MIKROBOT_CHANNELS_WHATSAPP_ENABLED", "true", "MIKROBOT_CHANNELS_TELEGRAM_ENABLED", "true",
                "MIKROBOT_CHANNELS_TELEGRAM_TOKEN", "123:abc"))));
    }

    private Config config(Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        all.put("GOMIKROBOT_HOME", tmp.resolve("home").toString());
        return new ConfigLoader(all, tmp).load();
    }
}
