package gomikrobot.cli;

import gomikrobot.channels.whatsapp.WhatsAppIds;
import gomikrobot.config.ConfigFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The four WhatsApp keys of {@code config.json} that {@code whatsapp-setup} asks about, read from the file's
 * document and written back into it. {@code allowFrom} holds user parts ({@link WhatsAppIds#user}), the form
 * the channel compares senders in.
 */
record WhatsAppSetupAnswers(boolean enabled, List<String> allowFrom, boolean dropUnauthorized,
                            boolean ignoreReactions) {
    private static final String SECTION = "channels.whatsapp.";

    WhatsAppSetupAnswers {
        allowFrom = List.copyOf(allowFrom);
    }

    /** The file's current values; a key that is missing or of the wrong type reads as its default. */
    static WhatsAppSetupAnswers current(Map<String, Object> doc) {
        List<String> allow = new ArrayList<>();
        if (value(doc, "allowFrom") instanceof List<?> list) {
            list.stream().filter(String.class::isInstance).map(String.class::cast).forEach(allow::add);
        }
        return new WhatsAppSetupAnswers(bool(doc, "enabled"), allow, bool(doc, "dropUnauthorized"),
                bool(doc, "ignoreReactions"));
    }

    void applyTo(Map<String, Object> doc) {
        ConfigFile.set(doc, SECTION + "enabled", enabled);
        ConfigFile.set(doc, SECTION + "allowFrom", new ArrayList<>(allowFrom));
        ConfigFile.set(doc, SECTION + "dropUnauthorized", dropUnauthorized);
        ConfigFile.set(doc, SECTION + "ignoreReactions", ignoreReactions);
    }

    /**
     * A comma-separated list of phone numbers or JIDs as user parts; blank or {@code none} is the empty list.
     *
     * @throws IllegalArgumentException naming the first entry that is neither
     */
    static List<String> parseAllowFrom(String text) {
        String stripped = text == null ? "" : text.strip();
        if (stripped.isEmpty() || stripped.equalsIgnoreCase("none")) {
            return List.of();
        }
        List<String> users = new ArrayList<>();
        for (String entry : stripped.split(",")) {
            if (!entry.isBlank()) {
                String user = WhatsAppIds.user(entry);
                if (!users.contains(user)) {
                    users.add(user);
                }
            }
        }
        return users;
    }

    /** yes/no, also y/n, true/false, on/off. @throws IllegalArgumentException for anything else */
    static boolean parseYesNo(String option, String text) {
        return switch (text == null ? "" : text.strip().toLowerCase(Locale.ROOT)) {
            case "yes", "y", "true", "on" -> true;
            case "no", "n", "false", "off" -> false;
            default -> throw new IllegalArgumentException(option + " must be yes or no, got " + text);
        };
    }

    private static boolean bool(Map<String, Object> doc, String key) {
        return Boolean.TRUE.equals(value(doc, key));
    }

    private static Object value(Map<String, Object> doc, String key) {
        try {
            return ConfigFile.get(doc, SECTION + key);
        } catch (IllegalArgumentException e) {
            return null; // a section of the wrong shape: the default is offered, and ConfigFile.set reports it on write
        }
    }
}
