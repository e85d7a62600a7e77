package gomikrobot.cli;

import gomikrobot.memory.Memory;
import gomikrobot.observe.Metrics;
import gomikrobot.agent.Pipeline;
import gomikrobot.bus.InboundMessage;
import gomikrobot.bus.OutboundMessage;
import gomikrobot.config.Config;
import gomikrobot.config.ConfigLoader;
import gomikrobot.observe.Ids;
import gomikrobot.observe.Log;
import gomikrobot.provider.LlmProvider;
import gomikrobot.timeline.Database;
import gomikrobot.timeline.Timeline;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * {@code gomikrobot agent -m "msg" [-s session]}: one message through the whole pipeline as the owner on the
 * CLI channel. Only the answer goes to stdout, so shell scripts can use it; logs go to stderr. A failure
 * prints one line and exits 1.
 */
final class AgentCommand implements Command {
    private static final Duration ANSWER_TIMEOUT = Duration.ofMinutes(15);

    @Override
    public String name() {
        return "agent";
    }

    @Override
    public String summary() {
        return "Send one message through the agent and print the answer";
    }

    @Override
    public String usage() {
        return """
                usage: gomikrobot agent -m MESSAGE [-s SESSION] [--verbose]
                  -m, --message MESSAGE   the message; "-" reads it from stdin
                  -s, --session SESSION   conversation to continue (default cli:default)
                  --verbose               log at the configured level instead of warnings only""";
    }

    @Override
    public int run(List<String> argv, CliContext ctx) throws IOException, InterruptedException {
        Args args = Args.parse(argv, Map.of("-m", "--message", "--message", "--message", "-s", "--session",
                "--session", "--session"), Set.of("--verbose")).atMostPositional(0);
        String message = args.option("--message").orElseThrow(() -> new UsageException("-m MESSAGE is required"));
        if (message.equals("-")) {
            message = new String(ctx.in().readAllBytes(), StandardCharsets.UTF_8).strip();
        }
        if (message.isBlank()) {
            throw new UsageException("the message is empty");
        }
        String chat = args.option("--session").map(AgentCommand::chatOf).orElse("default");

        Config config = new ConfigLoader(ctx.env(), ctx.userHome()).load();
        Log log = Wiring.log(config, ctx, args.flag("--verbose") ? null : Log.Level.WARN);
        LlmProvider provider = Wiring.provider(config, log);
        try (Database db = Database.open(config.databaseFile(), log)) {
            Ids ids = new Ids(ctx.clock());
            Timeline timeline = Timeline.open(db, ctx.clock(), ids);
            Memory memory = new Memory(db, provider, null, ctx.clock(), log);
            Pipeline pipeline = new Pipeline(config, timeline, provider, ctx.userHome(), () -> config.paths().workRepoPath(),
                    memory.tools(), memory::relevantTo, ctx.clock(), ids, log, new Metrics());
            pipeline.start(false);
            try {
                InboundMessage in = InboundMessage.of("cli", chat, "cli:" + chat, "CLI", message, true,
                        ctx.clock().instant()).withTrace(ids.loopTraceId());
                OutboundMessage answer = pipeline.ask(in, ANSWER_TIMEOUT);
                if (answer.failed()) {
                    ctx.err().println("gomikrobot agent: " + answer.content().replaceFirst("^Error: ", ""));
                    return 1;
                }
                ctx.out().println(answer.content());
                return 0;
            } catch (TimeoutException e) {
                ctx.err().println("gomikrobot agent: no answer within " + ANSWER_TIMEOUT.toMinutes() + " minutes");
                return 1;
            } finally {
                pipeline.stop(Duration.ofSeconds(5));
            }
        }
    }

    /** {@code cli:work} and {@code work} both mean chat "work" of the CLI channel. */
    private static String chatOf(String session) {
        String s = session.strip();
        String chat = s.startsWith("cli:") ? s.substring(4) : s;
        if (chat.isBlank()) {
            throw new UsageException("the session name is empty");
        }
        return chat;
    }
}
