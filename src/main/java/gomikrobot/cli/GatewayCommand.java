package gomikrobot.cli;

import gomikrobot.config.Config;
import gomikrobot.config.ConfigLoader;
import gomikrobot.config.GatewayConfig;
import gomikrobot.gateway.Gateway;
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
 * {@code gomikrobot gateway}: starts the {@link Gateway}, prints one line per listening address, waits for
 * SIGINT/SIGTERM, shuts down in order and exits 0. A port in use is one line naming it, exit 1. {@code --port}
 * and {@code --dashboard-port} override the configuration for this run; 0 lets the system pick a free port,
 * which the address lines then show.
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
                usage: gomikrobot gateway [--web-dir DIR] [--port PORT] [--dashboard-port PORT]
                  --web-dir DIR            serve the dashboard from DIR instead of the jar (for editing web/); also MIKROBOT_WEB_DIR
                  --port PORT              the API port for this run (0: any free port, printed at start)
                  --dashboard-port PORT    the dashboard port for this run (0: any free port, printed at start)""";
    }

    @Override
    public ExitCode run(List<String> argv, CliContext ctx) throws Exception {
        Args args = Args.parse(argv, Map.of("--web-dir", "--web-dir", "--port", "--port", "--dashboard-port",
                "--dashboard-port"), Set.of()).atMostPositional(0);
        Optional<Path> webDir = args.option("--web-dir").or(() -> Optional.ofNullable(ctx.env().get("MIKROBOT_WEB_DIR")))
                .filter(s -> !s.isBlank()).map(s -> Path.of(s).toAbsolutePath());
        Config config = withPorts(new ConfigLoader(ctx.env(), ctx.userHome()).load(), args);
        Log log = Wiring.log(config, ctx, null);
        LlmProvider provider = Wiring.provider(config, log);
        CountDownLatch stop = new CountDownLatch(1);
        Signals.onTerminate(stop::countDown);
        Gateway gateway;
        try {
            gateway = Gateway.start(config, Version.current(), provider, ctx.userHome(), webDir, ctx.clock(), log);
        } catch (PortInUseException e) {
            ctx.err().println("gomikrobot gateway: " + e.getMessage());
            return ExitCode.FAILURE;
        }
        ctx.out().println("API server listening on http://" + gateway.apiAddress());
        ctx.out().println("Dashboard listening on http://" + gateway.dashboardAddress() + "/timeline");
        ctx.out().flush();
        stop.await();
        gateway.stop(DRAIN_DEADLINE);
        return ExitCode.OK;
    }

    private static Config withPorts(Config config, Args args) {
        GatewayConfig g = config.gateway();
        int api = port(args, "--port", g.port());
        int dashboard = port(args, "--dashboard-port", g.dashboardPort());
        return config.withGateway(g.withPorts(api, dashboard));
    }

    private static int port(Args args, String option, int configured) {
        String text = args.option(option).orElse(Integer.toString(configured)).strip();
        try {
            int port = Integer.parseInt(text);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // answered below, with the same message as an out-of-range number
        }
        throw new UsageException(option + " must be a port number from 0 to 65535, got " + text);
    }
}
