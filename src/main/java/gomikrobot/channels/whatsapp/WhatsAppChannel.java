package gomikrobot.channels.whatsapp;

import gomikrobot.bus.Inbox;
import gomikrobot.bus.OutboundMessage;
import gomikrobot.channels.Channel;
import gomikrobot.channels.ChannelStatus.State;
import gomikrobot.channels.ChannelStatus;
import gomikrobot.channels.ChatLanes;
import gomikrobot.channels.InboundMedia;
import gomikrobot.channels.ReconnectSchedule;
import gomikrobot.channels.SendResult;
import gomikrobot.channels.Transcriber;
import gomikrobot.channels.access.AccessControl;
import gomikrobot.channels.access.AccessSettings;
import gomikrobot.channels.access.UnauthorizedRecorder;
import gomikrobot.config.WhatsAppConfig;
import gomikrobot.observe.Log;
import gomikrobot.provider.LlmProvider;
import gomikrobot.provider.Sleeper;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The WhatsApp channel: inbound messages through {@link InboundHandler} to the inbox, one lane per chat so a
 * chat's messages reach the agent in order, answers through {@link ReplySender}, and the connection's life through
 * the {@link ConnectionWatchdog}. {@link #start()} never blocks: an unpaired gateway, or a second gateway whose
 * session another one holds, reports that state and keeps serving everything else.
 */
public final class WhatsAppChannel implements Channel {
    private final WaTransport transport;
    private final InboundHandler inbound;
    private final ChatLanes lanes;
    private final boolean voiceReplies;
    private final UnreadableRecorder unreadable;
    private final ReplySender sender;
    private final ConnectionWatchdog watchdog;
    private final Ticker ticker;
    private final Log log;
    private AutoCloseable ticking;

    /** The production channel, over cobalt with its session in {@code options.sessionDir()}. */
    public WhatsAppChannel(WhatsAppConfig config, WhatsAppOptions options, Inbox inbox, AccessSettings settings,
                           UnauthorizedRecorder recorder, LlmProvider provider, Transcriber transcriber, Log log) {
        this(WhatsAppBackend.load().transport(options.sessionDir(), log), config, options, inbox, settings, recorder,
                text -> provider.speak(text, options.ttsVoice(), "opus"), transcriber,
                MediaDownloader.forWhatsApp(options.mediaDir(), config.maxMediaBytes()),
                new Seams(Clock.systemUTC(), System::nanoTime, Sleeper.system(), ReconnectSchedule.standard(),
                        Thread::startVirtualThread, Ticker.system()), log);
    }

    WhatsAppChannel(WaTransport transport, WhatsAppConfig config, WhatsAppOptions options, Inbox inbox,
                    AccessSettings settings, UnauthorizedRecorder recorder,
                    Function<String, byte[]> speech, Transcriber transcriber, MediaDownloader downloader, Seams seams,
                    Log log) {
        RecentIds sentByUs = new RecentIds(1024);
        RecentIds voiceTraces = new RecentIds(1024);
        AccessControl access = WhatsAppAccess.control(settings, config.allowFrom());
        this.transport = transport;
        this.inbound = new InboundHandler(access, new ContentReader(downloader, new InboundMedia(transcriber, "WhatsApp", log)), inbox, recorder,
                config.dropUnauthorized(), config.ignoreReactions(), config.groups(), sentByUs, voiceTraces,
                seams.clock(), log);
        this.unreadable = new UnreadableRecorder(access, recorder, config.dropUnauthorized(), log);
        this.lanes = new ChatLanes(seams.background());
        this.voiceReplies = config.voiceReplies();
        this.sender = new ReplySender(transport, new RateLimiter(options.sendInterval(), seams.nanoTime(),
                seams.sleeper()), speech, voiceReplies, voiceTraces, sentByUs, options.sendTimeout(), log);
        this.watchdog = new ConnectionWatchdog(transport, seams.schedule(), seams.clock(), log);
        this.ticker = seams.ticker();
        this.log = log;
    }

    @Override
    public String name() {
        return InboundHandler.CHANNEL;
    }

    @Override
    public synchronized void start() {
        if (voiceReplies) {
            log.warn("WhatsApp voice replies are on (channels.whatsapp.voiceReplies): the WhatsApp library uploads"
                    + " media with a MAC that WhatsApp apps reject, so recipients may not be able to play them");
        }
        WaTransport.Opening opening;
        try {
            opening = transport.open();
        } catch (RuntimeException e) {
            // a broken session folder must not take the rest of the gateway down with it
            watchdog.hold(State.STOPPED, "the WhatsApp session could not be opened: " + e.getMessage());
            log.unexpected("WhatsApp session could not be opened; the gateway serves without WhatsApp", e);
            return;
        }
        switch (opening) {
            case WaTransport.Opening.Ready ready -> {
                transport.listen(new Listener());
                watchdog.start();
                ticking = ticker.every(ConnectionWatchdog.TICK, this::tick);
            }
            case WaTransport.Opening.Unpaired unpaired -> {
                watchdog.hold(State.UNPAIRED, unpaired.why());
                log.warn("WhatsApp is enabled but not paired; run `gomikrobot whatsapp-auth` to link it");
            }
            case WaTransport.Opening.InUse inUse -> {
                String line = "WhatsApp session is in use by " + inUse.holder()
                        + "; this gateway leaves it alone and serves everything else without WhatsApp";
                watchdog.hold(State.SESSION_IN_USE, line);
                log.warn(line);
            }
        }
    }

    @Override
    public SendResult send(OutboundMessage message) {
        ChannelStatus now = watchdog.status();
        if (!now.connected()) {
            return new SendResult.Failed("WhatsApp is not connected (" + now.state().wire() + ")", !now.state().isFinal());
        }
        return sender.send(message);
    }

    @Override
    public ChannelStatus status() {
        return watchdog.status();
    }

    /** The linked account's self-chat, by its phone number; known once connected. */
    @Override
    public Optional<String> ownerChat() {
        return transport.selfUsers().stream().filter(user -> !user.isBlank() && !user.endsWith(JidText.LID_SUFFIX))
                .sorted().findFirst().map(JidText::chatJid);
    }

    @Override
    public synchronized void close() {
        if (ticking != null) {
            try {
                ticking.close();
            } catch (Exception e) {
                log.warn("WhatsApp watchdog did not stop cleanly", "error", e);
            }
            ticking = null;
        }
        watchdog.stop();
        transport.disconnect();
    }

    private void tick() {
        try {
            watchdog.tick();
        } catch (RuntimeException e) {
            log.unexpected("WhatsApp watchdog check failed", e); // the next tick tries again
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
        public void onUnreadable(UnreadableMessage message) {
            try {
                unreadable.record(message);
            } catch (RuntimeException e) {
                log.unexpected("WhatsApp unreadable message could not be recorded", e, "message_id", message.id());
            }
        }

        @Override
        public void onLoggedIn() {
            watchdog.onLoggedIn();
        }

        @Override
        public void onEnded(WaTransport.Ending ending) {
            watchdog.onEnded(ending);
        }
    }

    /** Time, randomness and threads, injected so tests control them. */
    record Seams(Clock clock, LongSupplier nanoTime, Sleeper sleeper, ReconnectSchedule schedule,
                 Executor background, Ticker ticker) {
    }
}
