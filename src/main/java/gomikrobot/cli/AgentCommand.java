package gomikrobot.cli;

import gomikrobot.bus.InboundMessage;
import gomikrobot.bus.Reply;
import gomikrobot.config.Config;
import gomikrobot.config.ConfigLoader;
import gomikrobot.observe.Log;
import gomikrobot.provider.LazyProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code gomikrobot agent -m "msg" [-s session]}: one message through the whole agent as the owner on the CLI
 * channel ({@link AgentRoot}). Only the answer goes to stdout, so shell scripts can use it; logs go to stderr.
 * A failure prints one line and exits with a status that says what kind of failure it was ({@link ExitCode}).
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
                  --verbose               log at the configured level instead of errors only
                exit status: 0 answered, 1 failed, 2 usage error, 3 the model failed, 4 daily token limit reached,
                5 no answer in time (the task goes on)""";
    }

    @Override
    public ExitCode run(List<String> argv, CliContext ctx) throws IOException, InterruptedException {
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
        // the answer, or one line saying why not: the task's own log lines (retries, its failure) only when asked
        Log log = Wiring.log(config, ctx, args.flag("--verbose") ? null : Log.Level.ERROR);
        LazyProvider provider = Wiring.provider(config, log);
        try (AgentRoot root = AgentRoot.start(config, provider, ctx.userHome(), ctx.clock(), log)) {
            InboundMessage in = InboundMessage.of("cli", chat, "cli:" + chat, "CLI", message, true, ctx.clock().instant());
            return switch (root.ask(in, ANSWER_TIMEOUT)) {
                case Reply.Answer answer -> {
                    ctx.out().println(answer.text());
                    yield ExitCode.OK;
                }
                case Reply.Failure failure -> {
                    ctx.err().println("gomikrobot agent: " + failure.describe());
                    yield exitCodeOf(failure.reason());
                }
            };
        }
    }

    /** The exit status of a failed message: scripts can tell a model failure, the quota and a timeout apart. */
    static ExitCode exitCodeOf(Reply.Reason reason) {
        return switch (reason) {
            case MODEL_FAILED, NO_FINAL_ANSWER -> ExitCode.MODEL_FAILED;
            case QUOTA_EXCEEDED -> ExitCode.QUOTA_EXCEEDED;
            case TIMED_OUT -> ExitCode.NO_ANSWER_IN_TIME;
            case INTERRUPTED, ALREADY_RUNNING, SHUTTING_DOWN, INTERNAL -> ExitCode.FAILURE;
        };
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
