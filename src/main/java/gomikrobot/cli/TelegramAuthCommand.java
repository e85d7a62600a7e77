package gomikrobot.cli;

import gomikrobot.channels.access.AccessSettings;
import gomikrobot.channels.telegram.TelegramAccess;
import gomikrobot.config.Config;
import gomikrobot.config.ConfigLoader;
import gomikrobot.observe.Log;
import gomikrobot.timeline.Database;
import gomikrobot.timeline.SettingsStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code gomikrobot telegram-auth}: who may talk to the agent on Telegram, in the settings table (no network;
 * a running gateway applies a change from the next message on): {@code --list} the pending requests and the
 * lists, {@code --approve} or {@code --deny} a user id or {@code @username}. Pairing needs no command: the bot's
 * token is all Telegram needs ({@code telegram-setup}).
 */
final class TelegramAuthCommand implements Command {
    private static final Map<String, String> VALUED = Map.of("--approve", "--approve", "--deny", "--deny");
    private static final Set<String> FLAGS = Set.of("--list");

    @Override
    public String name() {
        return "telegram-auth";
    }

    @Override
    public String summary() {
        return "List, approve or deny who may talk to the agent on Telegram";
    }

    @Override
    public String usage() {
        return """
                usage: gomikrobot telegram-auth --list | --approve ID | --deny ID
                  --list        show pending requests (senders who sent the pairing token) and the lists
                  --approve ID  put a user id (e.g. 123456789) or @username on the allowlist (off pending and the denylist)
                  --deny ID     put a user id or @username on the denylist (off pending and the allowlist)
                A user id never changes; a username can be given up or passed on, so prefer the id (a sender who
                sends /start to the bot is told theirs).
                Exit codes: 0 done, 1 failure, 2 usage.""";
    }

    @Override
    public ExitCode run(List<String> raw, CliContext ctx) {
        Args args = Args.parse(raw, VALUED, FLAGS).atMostPositional(0);
        Optional<String> approve = args.option("--approve", TelegramAccess::parse);
        Optional<String> deny = args.option("--deny", TelegramAccess::parse);
        long actions = Stream.of(args.flag("--list"), approve.isPresent(), deny.isPresent()).filter(b -> b).count();
        if (actions != 1) {
            throw new UsageException("use one of --list, --approve or --deny");
        }
        Config config = new ConfigLoader(ctx.env(), ctx.userHome()).load();
        try (Database db = Database.open(config.databaseFile(), Wiring.log(config, ctx, Log.Level.ERROR))) {
            new AccessRequests(TelegramAccess.lists(AccessSettings.of(new SettingsStore(db))),
                    config.channels().telegram().allowFrom(), "telegram", "ID", ctx.out()).perform(approve, deny);
        }
        return ExitCode.OK;
    }
}
