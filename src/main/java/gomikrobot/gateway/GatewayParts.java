package gomikrobot.gateway;

import gomikrobot.agent.Pipeline;
import gomikrobot.channels.Channel;
import gomikrobot.config.Config;
import gomikrobot.git.Repos;
import gomikrobot.observe.Ids;
import gomikrobot.observe.Log;
import gomikrobot.observe.Metrics;
import gomikrobot.timeline.Timeline;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * What the two HTTP servers serve: the configuration, the stores, the running pipeline, where the repos are,
 * where the dashboard files come from ({@code webDir}, else the jar), and the WhatsApp channel when enabled.
 */
public record GatewayParts(Config config, String version, Path userHome, Timeline timeline, Pipeline pipeline,
                           Repos repos, Optional<Path> webDir, Optional<Channel> whatsapp, Ids ids, Clock clock, Log log,
                           Metrics metrics) {
}
