package gomikrobot.cli;

import gomikrobot.channels.access.AccessSettings;
import gomikrobot.channels.whatsapp.WhatsAppAccess;
import gomikrobot.channels.whatsapp.WhatsAppIds;
import gomikrobot.channels.whatsapp.WhatsAppOptions;
import gomikrobot.channels.whatsapp.WhatsAppPairing;
import gomikrobot.config.Config;
import gomikrobot.config.ConfigLoader;
import gomikrobot.observe.Log;
import gomikrobot.timeline.Database;
import gomikrobot.timeline.SettingsStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * {@code gomikrobot whatsapp-auth}: links WhatsApp by QR code (terminal and {@code <home>/whatsapp-qr.png}) or
 * by pairing code ({@code --phone}), with the session in {@code <home>/whatsapp}; or, with {@code --list},
 * {@code --approve}, {@code --deny}, manages who may talk to the agent (database only, no network). Pairing
 * without network fails within {@link #REACH_TIMEOUT} with one line.
 */
final class WhatsAppAuthCommand implements Command {
    static final Duration REACH_TIMEOUT = Duration.ofSeconds(20);
    static final Duration DEFAULT_SCAN_TIMEOUT = Duration.ofSeconds(120);
    static final String QR_FILE = "whatsapp-qr.png";
    private static final long MIN_TIMEOUT = 10;
    private static final long MAX_TIMEOUT = 600;
    private static final Map<String, String> VALUED = Map.of("--phone", "--phone", "--approve", "--approve",
            "--deny", "--deny", "--timeout", "--timeout");
    private static final Set<String> FLAGS = Set.of("--list", "--force");

    private final BiFunction<Path, Log, WhatsAppPairing> pairings;
    private final Duration reachTimeout;

    /** The real command: cobalt, 20 s to reach WhatsApp. */
    WhatsAppAuthCommand() {
        this(WhatsAppPairing::cobalt, REACH_TIMEOUT);
    }

    /** @param pairings builds the pairing for a session directory and a log */
    WhatsAppAuthCommand(BiFunction<Path, Log, WhatsAppPairing> pairings, Duration reachTimeout) {
        this.pairings = pairings;
        this.reachTimeout = reachTimeout;
    }

    @Override
    public String name() {
        return "whatsapp-auth";
    }

    @Override
    public String summary() {
        return "Pair WhatsApp by QR or pairing code; manage pending requests";
    }

    @Override
    public String usage() {
        return """
                usage: gomikrobot whatsapp-auth [--phone NUMBER] [--timeout SECONDS] [--force] | --list | --approve JID | --deny JID
                Without options, links this gateway as a device of your WhatsApp account: scan the QR code shown
                here (also saved as ~/.gomikrobot/whatsapp-qr.png) in WhatsApp > Settings > Linked devices.
                  --phone NUMBER     pair by code instead: the number with country code (e.g. +4915112345678);
                                     enter the code shown here on the phone
                  --timeout SECONDS  how long to wait for the scan or code (10-600, default 120)
                  --force            pair again although a session exists (e.g. after removing the device)
                  --list             show pending requests (senders who sent the pairing token) and the lists
                  --approve JID      put a number or JID on the allowlist (off pending and the denylist)
                  --deny JID         put a number or JID on the denylist (off pending and the allowlist)
                Exit codes: 0 paired or done, 1 failure (e.g. WhatsApp not reachable), 2 usage.""";
    }

    @Override
    public ExitCode run(List<String> raw, CliContext ctx) throws Exception {
        Args args = Args.parse(raw, VALUED, FLAGS).atMostPositional(0);
        long actions = Stream.of(args.flag("--list"), args.option("--approve").isPresent(),
                args.option("--deny").isPresent()).filter(b -> b).count();
        boolean pairingOptions = args.option("--phone").isPresent() || args.option("--timeout").isPresent()
                || args.flag("--force");
        if (actions > 1 || (actions == 1 && pairingOptions)) {
            throw new UsageException("use one of pairing, --list, --approve or --deny at a time");
        }
        Optional<String> approve = args.option("--approve").map(WhatsAppAuthCommand::validUser);
        Optional<String> deny = args.option("--deny").map(WhatsAppAuthCommand::validUser);
        WhatsAppPairing.Method method = args.option("--phone").<WhatsAppPairing.Method>map(
                p -> new WhatsAppPairing.Method.PhoneCode(phone(p))).orElse(new WhatsAppPairing.Method.Qr());
        Duration scanTimeout = args.option("--timeout").map(WhatsAppAuthCommand::timeout).orElse(DEFAULT_SCAN_TIMEOUT);

        Config config = new ConfigLoader(ctx.env(), ctx.userHome()).load();
        Log log = Wiring.log(config, ctx, Log.Level.ERROR);
        if (actions == 0) {
            Path sessionDir = WhatsAppOptions.defaults(config.home(), config.paths().workspace()).sessionDir();
            return new WhatsAppPairingRun(pairings.apply(sessionDir, log), config.home().resolve(QR_FILE), ctx.out(),
                    reachTimeout, scanTimeout).pair(method, args.flag("--force"));
        }
        try (Database db = Database.open(config.databaseFile(), log)) {
            var requests = new AccessRequests(WhatsAppAccess.lists(AccessSettings.of(new SettingsStore(db))),
                    config.channels().whatsapp().allowFrom(), "whatsapp", "NUMBER", ctx.out());
            requests.perform(approve, deny);
        }
        return ExitCode.OK;
    }

    private static String validUser(String text) {
        try {
            return WhatsAppIds.user(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static long phone(String text) {
        try {
            return WhatsAppIds.phoneNumber(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--phone: " + e.getMessage());
        }
    }

    private static Duration timeout(String text) {
        try {
            long seconds = Long.parseLong(text.strip());
            if (seconds >= MIN_TIMEOUT && seconds <= MAX_TIMEOUT) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // reported below together with the out-of-range case
        }
        throw new UsageException("--timeout must be a number of seconds from " + MIN_TIMEOUT + " to " + MAX_TIMEOUT
                + ", got " + text);
    }
}
