package gomikrobot.cli;

import gomikrobot.channels.whatsapp.WhatsAppAccess;
import gomikrobot.channels.whatsapp.WhatsAppIds;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The four WhatsApp keys of {@code config.json} that {@code whatsapp-setup} asks about, read from the file's
 * document and written back into it. {@code allowFrom} holds user parts ({@link WhatsAppIds#user}), the form
 * the channel compares senders in.
 */
record WhatsAppSetupAnswers(boolean enabled, List<String> allowFrom, boolean dropUnauthorized,
                            boolean ignoreReactions) {
    private static final String SECTION = "channels.whatsapp";

    WhatsAppSetupAnswers {
        allowFrom = List.copyOf(allowFrom);
    }

    /** The file's current values; a key that is missing or of the wrong type reads as its default. */
    static WhatsAppSetupAnswers current(Map<String, Object> doc) {
        ConfigSection wa = new ConfigSection(doc, SECTION);
        return new WhatsAppSetupAnswers(wa.bool("enabled"), wa.strings("allowFrom"), wa.bool("dropUnauthorized"),
                wa.bool("ignoreReactions"));
    }

    void applyTo(Map<String, Object> doc) {
        ConfigSection wa = new ConfigSection(doc, SECTION);
        wa.set("enabled", enabled);
        wa.set("allowFrom", new ArrayList<>(allowFrom));
        wa.set("dropUnauthorized", dropUnauthorized);
        wa.set("ignoreReactions", ignoreReactions);
    }

    /**
     * A comma-separated list of phone numbers or JIDs as user parts; blank or {@code none} is the empty list.
     *
     * @throws IllegalArgumentException naming the first entry that is neither
     */
    static List<String> parseAllowFrom(String text) {
        return WhatsAppAccess.RULES.parseAll(text);
    }
}
