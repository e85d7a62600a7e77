package gomikrobot.config;

/** Messaging channels other than the CLI and the web UI, which need no configuration. */
public record ChannelsConfig(WhatsAppConfig whatsapp, TelegramConfig telegram) {
}
