package gomikrobot.cli;

import gomikrobot.config.Config;
import gomikrobot.config.ConfigFile;
import gomikrobot.config.ConfigLoader;
import gomikrobot.git.Git;
import gomikrobot.git.RepoRefusal;
import gomikrobot.git.WorkRepo;
import gomikrobot.json.Json;
import gomikrobot.observe.Log;
import gomikrobot.timeline.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code gomikrobot onboard}: first-time setup. Asks (or takes from flags) the provider, key, model, paths and
 * WhatsApp choice; writes config.json (0600); creates the workspace with the starter soul files, the work repo
 * and the database; then checks the key with one request, and offers to set up Telegram ({@code telegram-setup}'s
 * questions). Re-running changes nothing the user made without a
 * yes: a config that would change needs a yes (or {@code --force}), an edited soul file needs a yes at the
 * prompt and is always kept with {@code --non-interactive}. Exit 1 when the key does not work.
 */
final class OnboardCommand implements Command {

    @Override
    public String name() {
        return "onboard";
    }

    @Override
    public String summary() {
        return "First-time setup wizard";
    }

    @Override
    public String usage() {
        return """
                usage: gomikrobot onboard [--skip-key-check]
                       gomikrobot onboard --non-interactive [--provider openai|openrouter|custom] [--api-base URL]
                                          [--api-key KEY | --api-key-env NAME] [--model NAME] [--workspace DIR]
                                          [--work-repo DIR] [--whatsapp | --no-whatsapp] [--skip-key-check] [--force]
                Without --non-interactive, asks each question (the API key without echo) and asks before changing
                an existing config.json or replacing an edited soul file. With it, options left out keep their
                current value; an existing config.json that would change needs --force; edited soul files are kept.
                --api-key-env NAME reads the key from that environment variable (it then never shows in `ps`).
                Exit codes: 0 set up and the key works (or --skip-key-check), 1 failure or key not working, 2 usage.""";
    }

    @Override
    public ExitCode run(List<String> raw, CliContext ctx) throws IOException, InterruptedException {
        Args args = Args.parse(raw, OnboardFlags.VALUED, OnboardFlags.FLAGS).atMostPositional(0);
        boolean interactive = !args.flag("--non-interactive");
        if (interactive) {
            OnboardFlags.NON_INTERACTIVE_ONLY.stream().filter(o -> args.flag(o) || args.option(o).isPresent())
                    .findFirst().ifPresent(o -> {
                        throw new UsageException(o + " needs --non-interactive");
                    });
        }
        ConfigLoader loader = new ConfigLoader(ctx.env(), ctx.userHome());
        Path file = loader.configFile();
        Map<String, Object> doc = ConfigFile.readDocument(file);
        OnboardConfig current = new OnboardConfig(doc);
        OnboardTerminal term = OnboardTerminal.of(ctx);
        OnboardAnswers answers = interactive
                ? new OnboardQuestions(term, current).ask(loader.home())
                : OnboardFlags.answers(args, current, ctx.env());

        if (!writeConfig(loader, file, doc, answers, interactive, args.flag("--force"), term)) {
            return ExitCode.FAILURE;
        }
        Config config = loader.load();
        Log log = new Log(Log.Level.WARN, false, ctx.err(), ctx.clock(), Set.of(answers.apiKey()));
        prepareWorkspace(config.paths().workspace(), interactive, term);
        Optional<RepoRefusal> refused = new WorkRepo(new Git(Duration.ofSeconds(30), log), log)
                .ensure(config.paths().workRepoPath(), false);
        term.say("Work repo: " + config.paths().workRepoPath()
                + refused.map(r -> " (left as it is: " + r.message() + ")").orElse(""));
        try (Database db = Database.open(config.databaseFile(), log)) {
            term.say("Database: " + db.file());
        }
        ExitCode code = finish(config, answers, args.flag("--skip-key-check"), ctx, term);
        if (interactive && term.confirm("Set up a Telegram bot now (its token comes from @BotFather)?",
                config.channels().telegram().enabled())) {
            new TelegramSetupCommand().setUp(ctx, term, TelegramSetupFlags.none(), false, false);
        } else if (!config.channels().telegram().enabled()) {
            term.say("Telegram: set up a bot any time with `gomikrobot telegram-setup`.");
        }
        return code;
    }

    /** Returns false when an existing, different config must not be changed (non-interactive without --force). */
    private static boolean writeConfig(ConfigLoader loader, Path file, Map<String, Object> doc, OnboardAnswers answers,
                                       boolean interactive, boolean force, OnboardTerminal term) {
        boolean exists = Files.exists(file);
        Map<String, Object> before = exists ? doc : ConfigFile.readDocument(loader.ensureFile());
        String beforeText = Json.write(before);
        OnboardConfig.apply(before, answers);
        if (exists && beforeText.equals(Json.write(before))) {
            term.say("Config: " + file + " (already up to date)");
            return true;
        }
        if (exists && !force) {
            if (!interactive) {
                term.say("Config: " + file + " exists and these options would change it; nothing was changed."
                        + " Pass --force to update it.");
                return false;
            }
            if (!term.confirm("Update " + file + " with these answers?", false)) {
                term.say("Config: " + file + " kept as it was");
                return true;
            }
        }
        ConfigFile.update(file, d -> OnboardConfig.apply(d, answers));
        term.say("Config: " + file + (exists ? " (updated)" : " (created)"));
        return true;
    }

    private static void prepareWorkspace(Path workspace, boolean interactive, OnboardTerminal term) throws IOException {
        ConfigFile.ensurePrivateDirectory(workspace);
        term.say("Workspace: " + workspace);
        for (String name : SoulFiles.NAMES) {
            String outcome = switch (SoulFiles.state(workspace, name)) {
                case MISSING -> {
                    SoulFiles.writeStarter(workspace, name);
                    yield "created";
                }
                case STARTER -> "unchanged";
                case EDITED -> {
                    if (interactive && term.confirm("  " + name + " was edited; replace it with the starter text?",
                            false)) {
                        SoulFiles.writeStarter(workspace, name);
                        yield "replaced with the starter text";
                    }
                    yield "kept (edited by you)";
                }
            };
            term.say("  " + name + ": " + outcome);
        }
    }

    private static ExitCode finish(Config config, OnboardAnswers answers, boolean skipCheck, CliContext ctx,
                              OnboardTerminal term) {
        ExitCode code = ExitCode.OK;
        if (skipCheck) {
            term.say("API key: not checked (--skip-key-check)");
        } else {
            var active = config.providers().active();
            var verdict = active.hasKey() || !answers.provider().needsKey()
                    ? OnboardKeyCheck.check(active, config.model().name(), ctx)
                    : new OnboardKeyCheck.Verdict(false, "No API key is configured.");
            term.say(verdict.message());
            code = verdict.works() ? ExitCode.OK : ExitCode.FAILURE;
        }
        term.say("");
        term.say(code == ExitCode.OK ? "Setup done. Start the gateway with: gomikrobot gateway (dashboard http://127.0.0.1:18791)"
                : "Setup saved, but the API key is not confirmed: fix it or the URL, then run `gomikrobot onboard` again.");
        if (config.channels().whatsapp().enabled()) {
            term.say("WhatsApp is enabled: pair it with `gomikrobot whatsapp-auth`.");
        }
        return code;
    }
}
