package gomikrobot.channels.whatsapp;

import gomikrobot.bus.Inbox;
import gomikrobot.bus.OutboundMessage;
import gomikrobot.channels.Channel;
import gomikrobot.channels.ChatLanes;
import gomikrobot.channels.ChannelStatus;
import gomikrobot.channels.SendResult;
import gomikrobot.config.WhatsAppConfig;
import gomikrobot.observe.Log;
import gomikrobot.provider.LlmProvider;
import gomikrobot.provider.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The WhatsApp channel: inbound messages through {@link InboundHandler} to the inbox, one lane per chat so a chat's
 * messages reach the agent in order, answers through {@link ReplySender}, and the connection's life.
 * {@link #start()} never blocks: an unpaired gateway reports {@code unpaired} and keeps serving. When the
 * server closes the socket (which the library does not recover from) it reconnects with backoff and jitter; a
 * logged-out or banned session stops the channel with a clear log line and status instead.
 */
public final class WhatsAppChannel implements Channel {
    static final Duration LOGIN_TIMEOUT = Duration.ofSeconds(60);

    private final WaTransport transport;
    private final InboundHandler inbound;
    private final ChatLanes lanes;
    private final boolean voiceReplies;
    private final ReplySender sender;
    private final ReconnectSchedule schedule;
    private final Sleeper sleeper;
    private final Executor background;
    private final Log log;
    private final AtomicReference<ChannelStatus> status = new AtomicReference<>(ChannelStatus.of(false, "stopped"));
    private final AtomicBoolean reconnecting = new AtomicBoolean();
    private volatile boolean stopping;
    private volatile boolean terminal;

    /** The production channel, over cobalt with its session in {@code options.sessionDir()}. */
    public WhatsAppChannel(WhatsAppConfig config, WhatsAppOptions options, Inbox inbox, AccessSettings settings,
                           UnauthorizedRecorder recorder, LlmProvider provider, Transcriber transcriber, Log log) {
        this(WhatsAppBackend.load().transport(options.sessionDir(), log), config, options, inbox, settings, recorder,
                text -> provider.speak(text, options.ttsVoice(), "opus"), transcriber,
                MediaDownloader.forWhatsApp(options.mediaDir(), config.maxMediaBytes()),
                new Seams(Clock.systemUTC(), System::nanoTime, Sleeper.system(),
                        new ReconnectSchedule(ReconnectSchedule.DEFAULT_BASE, ReconnectSchedule.DEFAULT_CAP,
                                ReconnectSchedule.DEFAULT_JITTER, () -> ThreadLocalRandom.current().nextDouble()),
                        Thread::startVirtualThread), log);
    }

    WhatsAppChannel(WaTransport transport, WhatsAppConfig config, WhatsAppOptions options, Inbox inbox,
                    AccessSettings settings, UnauthorizedRecorder recorder,
                    Function<String, byte[]> speech, Transcriber transcriber, MediaDownloader downloader, Seams seams,
                    Log log) {
        RecentIds sentByUs = new RecentIds(1024);
        RecentIds voiceTraces = new RecentIds(1024);
        this.transport = transport;
        this.inbound = new InboundHandler(new AccessControl(settings, config.allowFrom()),
                new ContentReader(downloader, transcriber, log), inbox, recorder, config.dropUnauthorized(),
                config.ignoreReactions(), config.groups(), sentByUs, voiceTraces, seams.clock(), log);
        this.lanes = new ChatLanes(seams.background());
        this.voiceReplies = config.voiceReplies();
        this.sender = new ReplySender(transport, new RateLimiter(options.sendInterval(), seams.nanoTime(),
                seams.sleeper()), speech, voiceReplies, voiceTraces, sentByUs, options.sendTimeout(), log);
        this.schedule = seams.schedule();
        this.sleeper = seams.sleeper();
        this.background = seams.background();
        this.log = log;
    }

    @Override
    public String name() {
        return InboundHandler.CHANNEL;
    }

    @Override
    public void start() {
        stopping = false;
        if (voiceReplies) {
            log.warn("WhatsApp voice replies are on (channels.whatsapp.voiceReplies): the WhatsApp library uploads"
                    + " media with a MAC that WhatsApp apps reject, so recipients may not be able to play them");
        }
        if (!transport.paired()) {
            status.set(new ChannelStatus(false, "unpaired", "not paired: run `gomikrobot whatsapp-auth`"));
            log.warn("WhatsApp is enabled but not paired; run `gomikrobot whatsapp-auth` to link it");
            return;
        }
        transport.listen(new Listener());
        status.set(ChannelStatus.of(false, "connecting"));
        background.execute(() -> {
            if (!attemptConnect()) {
                scheduleReconnect();
            }
        });
    }

    @Override
    public SendResult send(OutboundMessage message) {
        ChannelStatus now = status.get();
        if (!now.connected()) {
            boolean hopeless = terminal || now.state().equals("unpaired") || now.state().equals("stopped");
            return new SendResult.Failed("WhatsApp is not connected (" + now.state() + ")", !hopeless);
        }
        return sender.send(message);
    }

    @Override
    public ChannelStatus status() {
        return status.get();
    }

    @Override
    public void close() {
        stopping = true;
        transport.disconnect();
        if (!terminal) {
            status.set(ChannelStatus.of(false, "stopped"));
        }
    }

    // ---- callbacks ----

    private final class Listener implements WaTransport.Events {
        @Override
        public void onMessage(WaMessage message) {
            // the library calls this on a new thread per message: queue at once, handle in the chat's lane
            lanes.submit(message.chatJid(), message.at().getEpochSecond(), () -> handle(message));
        }

        private void handle(WaMessage message) {
            try {
                inbound.handle(message, transport.selfUsers());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                log.unexpected("WhatsApp inbound message failed", e, "message_id", message.id());
            }
        }

        @Override
        public void onLoggedIn() {
            status.set(ChannelStatus.of(true, "connected"));
            log.info("WhatsApp connected");
        }

        @Override
        public void onDisconnected(WaTransport.Disconnect reason) {
            handleDisconnect(reason);
        }
    }

    void handleDisconnect(WaTransport.Disconnect reason) {
        switch (reason) {
            case LOGGED_OUT -> stopForGood("logged_out",
                    "WhatsApp session was logged out from the phone; run `gomikrobot whatsapp-auth` to pair again");
            case BANNED -> stopForGood("banned", "WhatsApp refused this account (banned); the channel is stopped");
            case RECONNECTING -> {
                if (!stopping && !terminal) {
                    status.set(new ChannelStatus(false, "reconnecting", "the library is reconnecting"));
                }
            }
            case CLOSED -> {
                if (stopping || terminal) {
                    return;
                }
                status.set(ChannelStatus.of(false, "reconnecting"));
                background.execute(this::scheduleReconnect);
            }
        }
    }

    // ---- helpers ----

    private void stopForGood(String state, String line) {
        terminal = true;
        stopping = true;
        status.set(new ChannelStatus(false, state, line));
        log.error(line);
    }

    /** Reconnects until logged in, stopped or terminal; only one loop runs at a time. */
    private void scheduleReconnect() {
        if (!reconnecting.compareAndSet(false, true)) {
            return;
        }
        try {
            for (int attempt = 0; !stopping && !terminal; attempt++) {
                Duration delay = schedule.delay(attempt);
                status.set(new ChannelStatus(false, "reconnecting",
                        "attempt " + (attempt + 1) + " in " + delay.toMillis() + " ms"));
                log.info("WhatsApp reconnecting", "attempt", attempt + 1, "delay_ms", delay.toMillis());
                sleeper.sleep(delay);
                // the library may have come back by itself meanwhile (its own reconnect after a socket error)
                if (stopping || terminal || transport.isConnected() || attemptConnect()) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            reconnecting.set(false);
        }
    }

    private boolean attemptConnect() {
        try {
            transport.connect().get(LOGIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            log.warn("WhatsApp connection attempt failed", "error", String.valueOf(cause.getMessage()));
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Time, randomness and threads, injected so tests control them. */
    record Seams(Clock clock, LongSupplier nanoTime, Sleeper sleeper, ReconnectSchedule schedule,
                 Executor background) {
    }
}
