package gomikrobot.cli;

import gomikrobot.config.Config;
import gomikrobot.config.ConfigLoader;
import gomikrobot.gateway.PortInUseException;
import gomikrobot.observe.Log;
import gomikrobot.provider.LlmProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * {@code gomikrobot gateway}: starts the {@link GatewayRuntime}, prints one line per listening address, waits
 * for SIGINT/SIGTERM, shuts down in order and exits 0. A port in use is one line naming it, exit 1.
 */
final class GatewayCommand implements Command {
    static final Duration DRAIN_DEADLINE = Duration.ofSeconds(10);

    @Override
    public String name() {
        return "gateway";
    }

    @Override
    public String summary() {
        return "Run the gateway: agent loop, API :18790, dashboard :18791, WhatsApp";
    }

    @Override
    public String usage() {
        return """
                usage: gomikrobot gateway [--web-dir DIR]
                  --web-dir DIR   serve the dashboard from DIR instead of the jar (for editing web/); also MIKROBOT_WEB_DIR""";
    }

    @Override
    public int run(List<String> argv, CliContext ctx) throws Exception {
        Args args = Args.parse(argv, Map.of("--web-dir", "--web-dir"), Set.of()).atMostPositional(0);
        Optional<Path> webDir = args.option("--web-dir").or(() -> Optional.ofNullable(ctx.env().get("MIKROBOT_WEB_DIR")))
                .filter(s -> !s.isBlank()).map(s -> Path.of(s).toAbsolutePath());
        Config config = new ConfigLoader(ctx.env(), ctx.userHome()).load();
        Log log = Wiring.log(config, ctx, null);
        LlmProvider provider = Wiring.provider(config, log);
        CountDownLatch stop = new CountDownLatch(1);
        Signals.onTerminate(stop::countDown);
        GatewayRuntime runtime;
        try {
            runtime = GatewayRuntime.start(config, provider, ctx.userHome(), webDir, ctx.clock(), log);
        } catch (PortInUseException e) {
            ctx.err().println("gomikrobot gateway: " + e.getMessage());
            return 1;
        }
        ctx.out().println("API server listening on http://" + runtime.apiAddress());
        ctx.out().println("Dashboard listening on http://" + runtime.dashboardAddress() + "/timeline");
        ctx.out().flush();
        stop.await();
        runtime.shutdown(DRAIN_DEADLINE);
        return 0;
    }
}
