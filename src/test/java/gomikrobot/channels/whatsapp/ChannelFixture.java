package gomikrobot.channels.whatsapp;

import gomikrobot.bus.InboundJournal;
import gomikrobot.bus.InboundMessage;
import gomikrobot.bus.MessageBus;
import gomikrobot.config.ProviderConfig;
import gomikrobot.config.WhatsAppConfig;
import gomikrobot.observe.Log;
import gomikrobot.provider.OpenAiCompatibleProvider;
import gomikrobot.testing.FakeOpenAiServer;
import gomikrobot.testing.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A channel over a {@link FakeTransport}, a real bus whose journal deduplicates by idempotency key, settings in
 * a map, a recording unauthorized-recorder, the fake OpenAI server for transcription and speech, a fake clock
 * for the rate limiter and a recording sleeper; background work runs inline and the watchdog ticks when the test
 * says so.
 */
final class ChannelFixture implements AutoCloseable {
    record Recorded(InboundMessage message, String classification) {
    }

    final FakeTransport transport = new FakeTransport();
    final MapSettings settings = new MapSettings();
    final List<Recorded> unauthorized = new CopyOnWriteArrayList<>();
    final RecordingSleeper sleeper = new RecordingSleeper();
    final MutableClock clock = new MutableClock(Messages.CLOCK.instant().toString());
    final ManualTicker ticker = new ManualTicker();
    final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    final FakeOpenAiServer openAi = FakeOpenAiServer.start();
    final MessageBus bus;
    final Path media;
    final WhatsAppChannel channel;
    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();

    ChannelFixture(Path workspace, WhatsAppConfig config, boolean voiceReplies) {
        Set<String> keys = ConcurrentHashMap.newKeySet();
        this.bus = new MessageBus(64, message -> keys.add(message.idempotencyKey())
                ? new InboundJournal.Accepted(message.withTaskId("task-" + keys.size()))
                : new InboundJournal.Duplicate("task-1", Optional.empty()));
        this.media = workspace.resolve("media");
        Log log = new Log(Log.Level.DEBUG, false, new PrintStream(logBytes, true, StandardCharsets.UTF_8),
                Messages.CLOCK, Set.of("sk-test-key"));
        var provider = OpenAiCompatibleProvider.create(new ProviderConfig("sk-test-key", openAi.baseUrl()), log);
        var options = new WhatsAppOptions(workspace.resolve("session"), media, Duration.ofSeconds(5),
                Duration.ofSeconds(1), voiceReplies, "alloy");
        var seams = new WhatsAppChannel.Seams(clock, nanos::get, sleeper,
                new ReconnectSchedule(Duration.ofSeconds(2), Duration.ofSeconds(30), 0.2, () -> 0.0), Runnable::run,
                ticker);
        this.channel = new WhatsAppChannel(transport, config, options, bus, settings,
                (message, classification) -> unauthorized.add(new Recorded(message, classification)),
                text -> provider.speak(text, options.ttsVoice(), "opus"), audio -> provider.transcribe(audio, null),
                seams, log);
    }

    static WhatsAppConfig config(List<String> allowFrom, boolean dropUnauthorized, boolean ignoreReactions) {
        return new WhatsAppConfig(true, allowFrom, dropUnauthorized, ignoreReactions);
    }

    /** The next message the agent would get, or null. */
    InboundMessage nextInbound() throws InterruptedException {
        return bus.consumeInbound(Duration.ofMillis(50));
    }

    String log() {
        return logBytes.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        channel.close();
        bus.close();
        openAi.close();
    }
}
