package gomikrobot.cli;

import gomikrobot.channels.access.AccessLists;
import gomikrobot.channels.access.AccessSettings;
import gomikrobot.channels.whatsapp.WhatsAppAccess;
import gomikrobot.config.ConfigFile;
import gomikrobot.config.ConfigLoader;
import gomikrobot.config.WhatsAppConfig;
import gomikrobot.observe.Log;
import gomikrobot.timeline.Database;
import gomikrobot.timeline.SettingsStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code gomikrobot whatsapp-setup}: whether WhatsApp runs, who may talk to the agent ({@code allowFrom}),
 * whether refused messages are dropped without a timeline row, whether reactions are ignored, and the pairing
 * token. A flag answers its question; without {@code --non-interactive} the rest are asked, offering the
 * current value. Writes only those keys of config.json (0600, everything else kept) and the token to the
 * settings table, then prints the configuration the gateway will load.
 */
final class WhatsAppSetupCommand implements Command {
    private static final Map<String, String> VALUED = Map.of("--allow-from", "--allow-from",
            "--drop-unauthorized", "--drop-unauthorized", "--ignore-reactions", "--ignore-reactions",
            "--pair-token", "--pair-token");
    private static final Set<String> FLAGS = Set.of("--enable", "--disable", "--non-interactive");

    @Override
    public String name() {
        return "whatsapp-setup";
    }

    @Override
    public String summary() {
        return "Configure the WhatsApp channel";
    }

    @Override
    public String usage() {
        return """
                usage: gomikrobot whatsapp-setup [--enable|--disable] [--allow-from LIST] [--drop-unauthorized yes|no]
                                                 [--ignore-reactions yes|no] [--pair-token TOKEN] [--non-interactive]
                Asks each question a flag does not answer (Enter keeps the current value); with --non-interactive
                options left out keep their current value.
                  --allow-from LIST          comma-separated phone numbers or JIDs that may talk to the agent
                                             (e.g. +4915112345678,4917612345678@s.whatsapp.net); "none" clears
                  --drop-unauthorized yes|no drop messages of senders not allowed without recording them
                  --ignore-reactions yes|no  ignore emoji reactions
                  --pair-token TOKEN         a word unknown senders send to ask for access (they then show up in
                                             `gomikrobot whatsapp-auth --list`); "" clears it
                Exit codes: 0 saved, 1 failure, 2 usage.""";
    }

    @Override
    public ExitCode run(List<String> raw, CliContext ctx) {
        Args args = Args.parse(raw, VALUED, FLAGS).atMostPositional(0);
        if (args.flag("--enable") && args.flag("--disable")) {
            throw new UsageException("--enable and --disable exclude each other");
        }
        Optional<Boolean> enable = args.flag("--enable") ? Optional.of(true)
                : args.flag("--disable") ? Optional.of(false) : Optional.empty();
        Optional<List<String>> allowFrom = args.option("--allow-from", WhatsAppSetupAnswers::parseAllowFrom);
        Optional<Boolean> drop = args.option("--drop-unauthorized", v -> Args.yesNo("--drop-unauthorized", v));
        Optional<Boolean> ignore = args.option("--ignore-reactions", v -> Args.yesNo("--ignore-reactions", v));
        Optional<String> token = args.option("--pair-token", AccessLists::checkPairToken);

        ConfigLoader loader = new ConfigLoader(ctx.env(), ctx.userHome());
        Path file = loader.ensureFile();
        WhatsAppSetupAnswers current = WhatsAppSetupAnswers.current(ConfigFile.readDocument(file));
        WhatsAppSetupAnswers answers = args.flag("--non-interactive")
                ? new WhatsAppSetupAnswers(enable.orElse(current.enabled()), allowFrom.orElse(current.allowFrom()),
                        drop.orElse(current.dropUnauthorized()), ignore.orElse(current.ignoreReactions()))
                : ask(OnboardTerminal.of(ctx), current, enable, allowFrom, drop, ignore);
        ConfigFile.update(file, answers::applyTo);
        var config = loader.load();
        token.ifPresent(t -> {
            try (Database db = Database.open(config.databaseFile(), Wiring.log(config, ctx, Log.Level.WARN))) {
                WhatsAppAccess.lists(AccessSettings.of(new SettingsStore(db))).setPairToken(t);
            }
        });
        report(ctx, file, config.channels().whatsapp(), token);
        return ExitCode.OK;
    }

    private static WhatsAppSetupAnswers ask(OnboardTerminal term, WhatsAppSetupAnswers current,
                                            Optional<Boolean> enable, Optional<List<String>> allowFrom,
                                            Optional<Boolean> drop, Optional<Boolean> ignore) {
        try {
            boolean enabled = enable.orElseGet(() -> term.confirm("Enable WhatsApp?", true));
            if (!enabled) {
                return new WhatsAppSetupAnswers(false, allowFrom.orElse(current.allowFrom()),
                        drop.orElse(current.dropUnauthorized()), ignore.orElse(current.ignoreReactions()));
            }
            List<String> allow = allowFrom.orElseGet(() -> askAllowFrom(term, current.allowFrom()));
            boolean dropUnauthorized = drop.orElseGet(() -> term.confirm(
                    "Drop messages from senders who are not allowed, without recording them?", current.dropUnauthorized()));
            boolean ignoreReactions = ignore.orElseGet(() -> term.confirm(
                    "Ignore emoji reactions?", current.ignoreReactions()));
            return new WhatsAppSetupAnswers(true, allow, dropUnauthorized, ignoreReactions);
        } catch (OnboardTerminal.InputEnded e) {
            throw new UsageException("input ended before every question was answered; answer them, or pass"
                    + " the options with --non-interactive");
        }
    }

    private static List<String> askAllowFrom(OnboardTerminal term, List<String> current) {
        term.say("Who may talk to the agent: phone numbers with country code or JIDs, comma-separated"
                + " (\"none\" for nobody but the owner's dashboard allowlist).");
        while (true) {
            String answer = term.ask("Allowed numbers", String.join(",", current));
            try {
                return WhatsAppSetupAnswers.parseAllowFrom(answer);
            } catch (IllegalArgumentException e) {
                term.say("  " + e.getMessage());
            }
        }
    }

    private static void report(CliContext ctx, Path file, WhatsAppConfig wa, Optional<String> token) {
        var out = ctx.out();
        out.println("Config: " + file + " (saved)");
        out.println("  WhatsApp:           " + (wa.enabled() ? "enabled" : "disabled"));
        out.println("  allowFrom:          " + (wa.allowFrom().isEmpty() ? "(nobody)" : String.join(", ", wa.allowFrom())));
        out.println("  dropUnauthorized:   " + yesNo(wa.dropUnauthorized()));
        out.println("  ignoreReactions:    " + yesNo(wa.ignoreReactions()));
        token.ifPresent(t -> out.println("  pairing token:      " + (t.isEmpty() ? "cleared" : "set")));
        if (wa.enabled()) {
            out.println("Next: pair with `gomikrobot whatsapp-auth` (once), then (re)start `gomikrobot gateway`.");
        } else {
            out.println("Restart `gomikrobot gateway` if it is running, so the change applies.");
        }
    }

    private static String yesNo(boolean value) {
        return value ? "yes" : "no";
    }
}
