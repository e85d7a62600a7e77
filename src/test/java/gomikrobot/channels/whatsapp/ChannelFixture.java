package gomikrobot.channels.whatsapp;

import gomikrobot.bus.InboundMessage;
import gomikrobot.channels.ReconnectSchedule;
import gomikrobot.channels.access.MapSettings;
import gomikrobot.config.Groups;
import gomikrobot.config.ProviderConfig;
import gomikrobot.config.WhatsAppConfig;
import gomikrobot.media.MediaFiles;
import gomikrobot.observe.Log;
import gomikrobot.provider.OpenAiCompatibleProvider;
import gomikrobot.testing.FakeOpenAiServer;
import gomikrobot.testing.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A channel over a {@link FakeTransport}, an inbox that deduplicates by idempotency key, settings in
 * a map, a recording unauthorized-recorder, the fake OpenAI server for transcription and speech, a local media
 * server with files encrypted by openssl, a fake clock for the rate limiter and a recording sleeper; background
 * work (the chats' lanes too) runs inline unless the test gives an executor, and the watchdog ticks when the test
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
    final MediaServer mediaServer;
    private final Path work;
    private final HttpClient http = HttpClient.newHttpClient();
    final RecordingInbox inbox = new RecordingInbox();
    final Path media;
    final WhatsAppChannel channel;
    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();

    ChannelFixture(Path workspace, WhatsAppConfig config, boolean voiceReplies) {
        this(workspace, config(config, voiceReplies, config.groups()));
    }

    ChannelFixture(Path workspace, WhatsAppConfig config) {
        this(workspace, config, Runnable::run);
    }

    /** With {@code background} running the chats' lanes and the connection's background work. */
    ChannelFixture(Path workspace, WhatsAppConfig config, Executor background) {
        this.media = workspace.resolve("media");
        Log log = new Log(Log.Level.DEBUG, false, new PrintStream(logBytes, true, StandardCharsets.UTF_8),
                Messages.CLOCK, Set.of("sk-test-key"));
        var provider = OpenAiCompatibleProvider.create(new ProviderConfig("sk-test-key", openAi.baseUrl()), log);
        var options = new WhatsAppOptions(workspace.resolve("session"), media, Duration.ofSeconds(5),
                Duration.ofSeconds(1), "alloy");
        this.work = workspace.resolve("openssl");
        try {
            this.mediaServer = new MediaServer();
            Files.createDirectories(work);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var downloader = new MediaDownloader(http, new MediaFiles(media), config.maxMediaBytes(),
                Duration.ofSeconds(10), MediaServer::isLocal);
        var seams = new WhatsAppChannel.Seams(clock, nanos::get, sleeper,
                new ReconnectSchedule(Duration.ofSeconds(2), Duration.ofSeconds(30), 0.2, () -> 0.0), background,
                ticker);
        this.channel = new WhatsAppChannel(transport, config, options, inbox, settings,
                (message, classification) -> unauthorized.add(new Recorded(message, classification)),
                text -> provider.speak(text, options.ttsVoice(), "opus"), audio -> provider.transcribe(audio, null),
                downloader, seams, log);
    }

    static WhatsAppConfig config(List<String> allowFrom, boolean dropUnauthorized, boolean ignoreReactions) {
        return new WhatsAppConfig(true, allowFrom, dropUnauthorized, ignoreReactions);
    }

    /** {@code base} with voice replies and groups as given. */
    static WhatsAppConfig config(WhatsAppConfig base, boolean voiceReplies, Groups groups) {
        return new WhatsAppConfig(base.enabled(), base.allowFrom(), base.dropUnauthorized(), base.ignoreReactions(),
                base.maxMediaBytes(), voiceReplies, groups);
    }

    /** {@code plain} encrypted by openssl with the key type's info string, served under {@code name}. */
    Served serve(String name, byte[] plain, String keyInfo) throws IOException, InterruptedException {
        return serve(name, plain, keyInfo, MediaServer.Mode.WHOLE);
    }

    Served serve(String name, byte[] plain, String keyInfo, MediaServer.Mode mode)
            throws IOException, InterruptedException {
        OpensslMedia.Encrypted file = OpensslMedia.encrypt(plain, keyInfo, work);
        return new Served(file, mediaServer.serve(name, file.body(), mode));
    }

    record Served(OpensslMedia.Encrypted file, URI url) {
    }

    /** The next message the agent would get, or null. */
    InboundMessage nextInbound() throws InterruptedException {
        return inbox.next(Duration.ofMillis(50));
    }

    /** The next message the agent would get within {@code timeout}, or null. */
    InboundMessage nextInbound(Duration timeout) throws InterruptedException {
        return inbox.next(timeout);
    }

    String log() {
        return logBytes.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        channel.close();
        openAi.close();
        mediaServer.close();
        http.close();
    }
}
