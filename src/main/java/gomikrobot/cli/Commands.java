package gomikrobot.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The commands {@link Main} knows, by name. {@link #standard} makes a command only when it is asked for, so that a
 * run loads the classes of its own command alone (every {@code agent -m} in a shell loop pays for what it loads).
 */
interface Commands {
    /** The names, in the order {@code help} lists them. */
    List<String> names();

    Optional<Command> named(String name);

    /** The program's commands. */
    static Commands standard() {
        return new Commands() {
            @Override
            public List<String> names() {
                return List.of("gateway", "agent", "cron", "onboard", "status", "whatsapp-setup", "whatsapp-auth",
                        "telegram-setup", "telegram-auth", "install", "backup", "restore", "version");
            }

            @Override
            public Optional<Command> named(String name) {
                return Optional.ofNullable(switch (name) {
                    case "gateway" -> new GatewayCommand();
                    case "agent" -> new AgentCommand();
                    case "cron" -> new CronCommand();
                    case "onboard" -> new OnboardCommand();
                    case "status" -> new StatusCommand();
                    case "whatsapp-setup" -> new WhatsAppSetupCommand();
                    case "whatsapp-auth" -> new WhatsAppAuthCommand();
                    case "telegram-setup" -> new TelegramSetupCommand();
                    case "telegram-auth" -> new TelegramAuthCommand();
                    case "install" -> new InstallCommand();
                    case "backup" -> new BackupCommand();
                    case "restore" -> new RestoreCommand();
                    case "version" -> new VersionCommand();
                    default -> null;
                });
            }
        };
    }

    /** Exactly {@code commands}, already made (tests run a few commands through {@link Main}). */
    static Commands of(List<Command> commands) {
        Map<String, Command> byName = new LinkedHashMap<>();
        for (Command c : commands) {
            byName.put(c.name(), c);
        }
        return new Commands() {
            @Override
            public List<String> names() {
                return List.copyOf(byName.keySet());
            }

            @Override
            public Optional<Command> named(String name) {
                return Optional.ofNullable(byName.get(name));
            }
        };
    }
}
