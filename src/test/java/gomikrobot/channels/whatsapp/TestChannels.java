package gomikrobot.channels.whatsapp;

import gomikrobot.bus.Inbox;
import gomikrobot.channels.ReconnectSchedule;
import gomikrobot.channels.access.AccessSettings;
import gomikrobot.channels.access.UnauthorizedRecorder;
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

    static WhatsAppChannel over(WaTransport transport, Path home, WhatsAppConfig config, Inbox inbox,
                                AccessSettings settings, UnauthorizedRecorder recorder, Clock clock, Ticker ticker) {
        var defaults = WhatsAppOptions.defaults(home, home.resolve("workspace"));
        var options = new WhatsAppOptions(defaults.sessionDir(), defaults.mediaDir(), SEND_TIMEOUT, Duration.ZERO,
                defaults.ttsVoice());
        var seams = new WhatsAppChannel.Seams(clock, System::nanoTime, new RecordingSleeper(),
                new ReconnectSchedule(ReconnectSchedule.DEFAULT_BASE, ReconnectSchedule.DEFAULT_CAP, 0.2, () -> 0.0),
                Runnable::run, ticker);
        return new WhatsAppChannel(transport, config, options, inbox, settings, recorder, text -> new byte[0],
                audio -> "", MediaDownloader.forWhatsApp(options.mediaDir(), config.maxMediaBytes()), seams, Log.quiet());
    }
}
