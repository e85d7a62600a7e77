package gomikrobot.channels;

import gomikrobot.bus.Inbox;
import gomikrobot.bus.InboundMessage;
import gomikrobot.config.Config;
import gomikrobot.observe.Log;
import gomikrobot.provider.LlmProvider;
import gomikrobot.timeline.SettingsStore;
import java.util.function.BiConsumer;

/**
 * What a channel plugin gets to work with: the configuration, the inbox to hand messages to, the settings table
 * (access lists), the provider (transcription, speech), and where to record a message that must not reach the
 * agent (with its classification).
 */
public record ChannelContext(Config config, Inbox inbox, SettingsStore settings, LlmProvider provider,
                             BiConsumer<InboundMessage, String> refused, Log log) {
}
