package gomikrobot.channels.whatsapp;

import gomikrobot.bus.MessageBus;
import gomikrobot.config.WhatsAppConfig;
import gomikrobot.observe.Log;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * A channel over any transport (the real cobalt one, offline), built as the plugin builds it but with the
 * watchdog's ticks and time in the test's hands, no speech and no transcription, and sends given up after 1 s.
 */
final class TestChannels {
    static final Duration SEND_TIMEOUT = Duration.ofSeconds(1);

    private TestChannels() {
    }

    static WhatsAppChannel over(WaTransport transport, Path home, WhatsAppConfig config, MessageBus bus,
                                AccessSettings settings, UnauthorizedRecorder recorder, Clock clock, Ticker ticker) {
        var defaults = WhatsAppOptions.defaults(home, home.resolve("workspace"));
        var options = new WhatsAppOptions(defaults.sessionDir(), defaults.mediaDir(), SEND_TIMEOUT, Duration.ZERO,
                false, defaults.ttsVoice());
        var seams = new WhatsAppChannel.Seams(clock, System::nanoTime, new RecordingSleeper(),
                new ReconnectSchedule(ReconnectSchedule.DEFAULT_BASE, ReconnectSchedule.DEFAULT_CAP, 0.2, () -> 0.0),
                Runnable::run, ticker);
        return new WhatsAppChannel(transport, config, options, bus, settings, recorder, text -> new byte[0],
                audio -> "", seams, Log.quiet());
    }
}
