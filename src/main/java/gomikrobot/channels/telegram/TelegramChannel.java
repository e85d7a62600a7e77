package gomikrobot.channels.telegram;

import gomikrobot.bus.OutboundMessage;
import gomikrobot.channels.Channel;
import gomikrobot.channels.ChannelContext;
import gomikrobot.channels.ChannelStatus;
import gomikrobot.channels.ChannelStatus.State;
import gomikrobot.channels.InboundMedia;
import gomikrobot.channels.PersonText;
import gomikrobot.channels.ReconnectSchedule;
import gomikrobot.channels.SendResult;
import gomikrobot.channels.Transcriber;
import gomikrobot.channels.access.AccessControl;
import gomikrobot.channels.access.AccessSettings;
import gomikrobot.config.TelegramConfig;
import gomikrobot.media.MediaDownload;
import gomikrobot.media.MediaFiles;
import gomikrobot.media.SizeCap;
import gomikrobot.observe.Log;
import gomikrobot.provider.Sleeper;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The Telegram channel: updates by long polling ({@link UpdatePoller}) through {@link UpdateHandler} to the inbox,
 * "typing…" while the agent works ({@link Typing}), answers through the {@link Outbox}. Only this package knows
 * the Bot API's wire format. {@link #start()} never blocks: the poller's state (connecting, polling as
 * {@code @bot}, reconnecting, token refused) is the channel's status.
 */
public final class TelegramChannel implements Channel {
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private final UpdatePoller poller;
    private final Outbox outbox;
    private final Typing typing;
    private final TelegramConfig config;
    private final Log log;
    private Thread polling;
    private ScheduledExecutorService ticking;

    private TelegramChannel(UpdatePoller poller, Outbox outbox, Typing typing, TelegramConfig config, Log log) {
        this.poller = poller;
        this.outbox = outbox;
        this.typing = typing;
        this.config = config;
        this.log = log;
    }

    /** Time, waiting and threads, injected so tests control them. */
    record Seams(HttpClient http, Clock clock, Sleeper sleeper, ReconnectSchedule schedule, Executor laneThreads,
                 int pollSeconds) {
        static Seams production() {
            return new Seams(BotApi.httpClient(), Clock.systemUTC(), Sleeper.system(),
                    ReconnectSchedule.upTo(Duration.ofMinutes(1)),
                    work -> Thread.ofVirtual().name("telegram-chat").start(work), BotApi.POLL_SECONDS);
        }
    }

    /**
     * The channel over the Bot API at {@code channels.telegram.apiBase}; media under {@code <workspace>/media}.
     *
     * @throws IllegalArgumentException when the token is not shaped like a bot token
     */
    static TelegramChannel wire(ChannelContext c, Seams seams) {
        TelegramConfig config = c.config().channels().telegram();
        Log log = c.log();
        BotApi api = new BotApi(seams.http(), config.apiBase(), config.token());
        MediaDownload download = new MediaDownload(MediaDownload.httpClient(),
                new MediaFiles(c.config().paths().workspace().resolve("media")),
                new SizeCap(config.maxMediaBytes(), "channels.telegram.maxMediaBytes"), MediaDownload.TIMEOUT,
                "Telegram's file server");
        ContentReader reader = new ContentReader(api, download, new InboundMedia(
                Transcriber.choose(c.provider(), c.config().providers().localWhisper()), "Telegram", log));
        Outbox outbox = new Outbox(api, seams.sleeper(), log);
        Typing typing = new Typing(api, c.settings()::isSilentMode, seams.clock(), log);
        AccessControl access = new AccessControl(AccessSettings.of(c.settings()), TelegramAccess.RULES,
                config.allowFrom());
        UpdateHandler handler = new UpdateHandler(access, reader, c.inbox(), c.refused()::accept, outbox, typing,
                c.settings()::isSilentMode, config, seams.clock(), log);
        UpdatePoller poller = new UpdatePoller(api, handler, new PollOffset(c.settings()), seams.schedule(),
                seams.sleeper(), seams.clock(), seams.laneThreads(), seams.pollSeconds(), log);
        return new TelegramChannel(poller, outbox, typing, config, log);
    }

    @Override
    public String name() {
        return UpdateHandler.CHANNEL;
    }

    @Override
    public synchronized void start() {
        polling = Thread.ofVirtual().name("telegram-poller").start(poller::run);
        ticking = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("telegram-typing").factory());
        ticking.scheduleWithFixedDelay(this::tick, Typing.EVERY.toMillis(), Typing.EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Sends the answer (or the failure's sentence) to its chat; the typing indicator there ends. */
    @Override
    public SendResult send(OutboundMessage message) {
        long chat;
        try {
            chat = Long.parseLong(message.chatId().strip());
        } catch (NumberFormatException e) {
            return new SendResult.Failed("not a Telegram chat id: \"" + message.chatId() + "\"", false);
        }
        typing.stop(chat);
        return outbox.send(chat, PersonText.of(message.reply()), message.taskId());
    }

    /** The owner's private chat ({@code channels.telegram.ownerId}), where questions for the owner go. */
    @Override
    public Optional<String> ownerChat() {
        return config.hasOwner() ? Optional.of(String.valueOf(config.ownerId())) : Optional.empty();
    }

    @Override
    public ChannelStatus status() {
        return poller.status();
    }

    @Override
    public synchronized void close() {
        if (ticking != null) {
            ticking.shutdownNow();
            ticking = null;
        }
        if (polling != null) {
            polling.interrupt();
            try {
                if (!polling.join(STOP_WAIT)) {
                    log.warn("Telegram poller did not stop in time");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            polling = null;
        }
        poller.hold(State.STOPPED, "stopped");
    }

    /** The poller, for tests that poll one round at a time instead of starting the channel. */
    UpdatePoller poller() {
        return poller;
    }

    private void tick() {
        try {
            typing.tick();
        } catch (RuntimeException e) {
            log.unexpected("Telegram typing indicator failed", e); // the next tick tries again
        }
    }
}
