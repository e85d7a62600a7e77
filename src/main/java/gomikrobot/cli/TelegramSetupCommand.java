package gomikrobot.cli;

import gomikrobot.channels.access.AccessSettings;
import gomikrobot.channels.telegram.BotCheck;
import gomikrobot.channels.telegram.TelegramAccess;
import gomikrobot.config.ConfigFile;
import gomikrobot.config.ConfigLoader;
import gomikrobot.config.TelegramConfig;
import gomikrobot.observe.Log;
import gomikrobot.timeline.Database;
import gomikrobot.timeline.SettingsStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code gomikrobot telegram-setup}: whether Telegram runs, the bot's token (checked with Telegram's
 * {@code getMe} before it is saved), the owner's user id, who else may talk to the agent, whether refused messages
 * are dropped, group messages, and the pairing token. A flag answers its question; without
 * {@code --non-interactive} the rest are asked ({@link TelegramSetupQuestions}). Writes only those keys of
 * config.json (0600, everything else kept; the token never printed) and the pairing token to the settings table.
 * A token Telegram refuses is not saved: exit 1.
 */
final class TelegramSetupCommand implements Command {
    private final TelegramSetupQuestions.TokenChecker checker;

    TelegramSetupCommand() {
        this(BotCheck::check);
    }

    TelegramSetupCommand(TelegramSetupQuestions.TokenChecker checker) {
        this.checker = checker;
    }

    @Override
    public String name() {
        return "telegram-setup";
    }

    @Override
    public String summary() {
        return "Configure the Telegram channel (a bot made with @BotFather)";
    }

    @Override
    public String usage() {
        return """
                usage: gomikrobot telegram-setup [--enable|--disable] [--token TOKEN | --token-env NAME] [--owner-id ID]
                                                 [--allow-from LIST] [--drop-unauthorized yes|no] [--groups off|mention]
                                                 [--pair-token TOKEN] [--api-base URL] [--skip-check] [--non-interactive]
                Create a bot with @BotFather in Telegram first (/newbot): it gives you the token. Asks each question a
                flag does not answer (Enter keeps the current value; the token is read without echo); with
                --non-interactive options left out keep their current value. The token is checked with Telegram.
                  --token TOKEN              the bot's token; --token-env NAME reads it from that environment variable
                                             (it then never shows in `ps`); TELEGRAM_BOT_TOKEN is read by the gateway too
                  --owner-id ID              your own Telegram user id (send /start to the bot to see it): your
                                             messages run with all tools allowed to the owner; 0 or "none" for nobody
                  --allow-from LIST          comma-separated user ids or @usernames who may talk to the agent; "none"
                  --drop-unauthorized yes|no drop messages of senders not allowed without recording them
                  --groups off|mention       read group messages that mention the bot or reply to it
                  --pair-token TOKEN         a word unknown senders send (or open t.me/<bot>?start=TOKEN) to ask for
                                             access; see them with `gomikrobot telegram-auth --list`; "" clears it
                  --api-base URL             a self-hosted Bot API server (default https://api.telegram.org)
                  --skip-check               do not ask Telegram whether the token works
                Exit codes: 0 saved, 1 the token does not work (nothing saved) or another failure, 2 usage.""";
    }

    @Override
    public ExitCode run(List<String> raw, CliContext ctx) throws InterruptedException {
        Args args = Args.parse(raw, TelegramSetupFlags.VALUED, TelegramSetupFlags.FLAGS).atMostPositional(0);
        TelegramSetupFlags flags = TelegramSetupFlags.read(args, ctx.env());
        return setUp(ctx, OnboardTerminal.of(ctx), flags, args.flag("--non-interactive"), args.flag("--skip-check"));
    }

    /** The whole setup: ask what is not given, check the token, save, report. {@code onboard} runs it too. */
    ExitCode setUp(CliContext ctx, OnboardTerminal term, TelegramSetupFlags flags, boolean nonInteractive,
                   boolean skipCheck) throws InterruptedException {
        ConfigLoader loader = new ConfigLoader(ctx.env(), ctx.userHome());
        Path file = loader.ensureFile();
        TelegramSetupAnswers current = TelegramSetupAnswers.current(ConfigFile.readDocument(file));
        String checkBase = flags.apiBaseOr(loader.load().channels().telegram());
        TelegramSetupAnswers answers = nonInteractive
                ? flags.applyTo(current, flags.enable().orElse(current.enabled()))
                : new TelegramSetupQuestions(term, checker, !skipCheck).ask(current, flags, checkBase);
        if (answers.enabled() && answers.token().isEmpty()) {
            throw new UsageException("Telegram needs the bot's token from @BotFather: --token TOKEN or --token-env NAME");
        }
        String bot = "";
        if (answers.enabled() && !skipCheck && (nonInteractive || flags.token().isPresent())) {
            switch (checker.check(checkBase, answers.token())) {
                case BotCheck.Result.Works works -> bot = works.username();
                case BotCheck.Result.Refused refused -> {
                    term.say("The token does not work: " + refused.why() + ". Nothing was saved.");
                    return ExitCode.FAILURE;
                }
                case BotCheck.Result.Unanswered unanswered ->
                        term.say("The token could not be checked (" + unanswered.why() + "); it is saved as given.");
            }
        }
        ConfigFile.update(file, answers::applyTo);
        var config = loader.load();
        flags.pairToken().ifPresent(t -> {
            try (Database db = Database.open(config.databaseFile(), Wiring.log(config, ctx, Log.Level.WARN))) {
                TelegramAccess.lists(AccessSettings.of(new SettingsStore(db))).setPairToken(t);
            }
        });
        report(term, file, config.channels().telegram(), bot, flags);
        return ExitCode.OK;
    }

    private static void report(OnboardTerminal term, Path file, TelegramConfig tg, String bot, TelegramSetupFlags flags) {
        term.say("Config: " + file + " (saved)");
        term.say("  Telegram:           " + (tg.enabled() ? "enabled" : "disabled"));
        term.say("  token:              " + tg.redactedToken() + (bot.isEmpty() ? "" : " (works: " + bot + ")"));
        term.say("  ownerId:            " + (tg.hasOwner() ? Long.toString(tg.ownerId()) : "(none)"));
        term.say("  allowFrom:          " + (tg.allowFrom().isEmpty() ? "(nobody)" : String.join(", ", tg.allowFrom())));
        term.say("  dropUnauthorized:   " + (tg.dropUnauthorized() ? "yes" : "no"));
        term.say("  groups:             " + tg.groups().name().toLowerCase(Locale.ROOT));
        flags.pairToken().ifPresent(t -> term.say("  pairing token:      " + (t.isEmpty() ? "cleared" : "set")));
        term.say(tg.enabled() ? "Next: (re)start `gomikrobot gateway`, then send /start to the bot in Telegram."
                : "Restart `gomikrobot gateway` if it is running, so the change applies.");
    }
}
