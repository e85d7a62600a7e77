package gomikrobot.channels.telegram;

import gomikrobot.bus.InboundMessage;
import gomikrobot.bus.Inbox;
import gomikrobot.bus.Receipt;
import gomikrobot.channels.InboundMedia;
import gomikrobot.channels.SendResult;
import gomikrobot.channels.access.AccessControl;
import gomikrobot.channels.access.AccessPolicy.Verdict;
import gomikrobot.channels.access.UnauthorizedRecorder;
import gomikrobot.channels.telegram.Handled.Dropped;
import gomikrobot.channels.telegram.TgMessage.Content;
import gomikrobot.config.Groups;
import gomikrobot.config.TelegramConfig;
import gomikrobot.observe.Log;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The inbound path of the channel, in order: pass over what is not a person's message (other updates, bots,
 * channels, empty or unreadable content), group messages unless groups are read and the message mentions the
 * bot or replies to it, answer {@code /start} with a greeting, let the owner ({@code ownerId}) through as
 * internal, ask access control about everyone else, then read the content (getFile, download, transcribe) and
 * hand it to the inbox with idempotency key {@code tg:<update_id>} and trace {@code tg-<update_id>}. Refused
 * messages never reach the inbox; they are recorded as unauthorized unless {@code dropUnauthorized}.
 */
final class UpdateHandler {
    static final String CHANNEL = "telegram";
    private static final Pattern START = Pattern.compile("/start(@[A-Za-z0-9_]+)?(\\s+(.*))?", Pattern.DOTALL);

    private final AccessControl access;
    private final ContentReader reader;
    private final Inbox inbox;
    private final UnauthorizedRecorder recorder;
    private final Outbox outbox;
    private final Typing typing;
    private final BooleanSupplier silent;
    private final TelegramConfig config;
    private final Clock clock;
    private final Log log;

    UpdateHandler(AccessControl access, ContentReader reader, Inbox inbox, UnauthorizedRecorder recorder,
                  Outbox outbox, Typing typing, BooleanSupplier silent, TelegramConfig config, Clock clock, Log log) {
        this.access = access;
        this.reader = reader;
        this.inbox = inbox;
        this.recorder = recorder;
        this.outbox = outbox;
        this.typing = typing;
        this.silent = silent;
        this.config = config;
        this.clock = clock;
        this.log = log;
    }

    /** Handles one update; {@code me} is the bot (its username and id tell whether a group message is for it). */
    Handled handle(Update update, BotUser me) throws InterruptedException {
        Handled handled = switch (update) {
            case Update.Skipped skipped -> new Dropped(skipped.why());
            case Update.Incoming incoming -> decide(incoming.message(), me);
        };
        log.debug("Telegram update", "update_id", update.updateId(), "outcome", handled.getClass().getSimpleName());
        return handled;
    }

    private Handled decide(TgMessage message, BotUser me) throws InterruptedException {
        String noise = noiseReason(message, me);
        if (noise != null) {
            return new Dropped(noise);
        }
        BotUser from = message.from();
        boolean owner = config.hasOwner() && from.id() == config.ownerId();
        Optional<String> start = startPayload(message);
        if (start.isPresent()) {
            return greet(message, me, owner, start.get());
        }
        if (owner) {
            return publish(message, true);
        }
        String preview = ContentReader.preview(message.content());
        return switch (access.check(from.accessNames(), preview)) {
            case Verdict.Admitted admitted -> publish(message, false);
            case Verdict.TokenSubmitted submitted ->
                    refuse(message, preview, UnauthorizedRecorder.TOKEN_SUBMITTED, true);
            case Verdict.Refused refused -> refuse(message, preview, UnauthorizedRecorder.UNAUTHORIZED,
                    !config.dropUnauthorized());
        };
    }

    private String noiseReason(TgMessage message, BotUser me) {
        if (message.from().bot()) {
            return "from a bot";
        }
        switch (message.chatType()) {
            case CHANNEL -> {
                return "a channel post";
            }
            case GROUP -> {
                if (!readsGroupMessage(message, me)) {
                    return config.groups() == Groups.OFF ? "group message (groups are off)"
                            : "group message not addressed to the bot";
                }
            }
            case PRIVATE -> { }
        }
        return switch (message.content()) {
            case Content.Ignored ignored -> "not readable: " + ignored.kind();
            case Content.Text text when text.text().isBlank() -> "empty";
            default -> null;
        };
    }

    /** With groups on {@code mention}: the message names the bot or answers one of its messages. */
    private boolean readsGroupMessage(TgMessage message, BotUser me) {
        return switch (config.groups()) {
            case OFF -> false;
            case MENTION -> message.mentions().contains(me.username().toLowerCase(Locale.ROOT))
                    || message.mentionedIds().contains(me.id()) || message.replyToUserId() == me.id();
        };
    }

    /** The payload of a {@code /start} (a deep link's, e.g. the pairing token; "" for none), private chats only. */
    private static Optional<String> startPayload(TgMessage message) {
        if (message.chatType() != TgMessage.ChatType.PRIVATE || !(message.content() instanceof Content.Text text)) {
            return Optional.empty();
        }
        Matcher m = START.matcher(text.text().strip());
        return m.matches() ? Optional.of(m.group(3) == null ? "" : m.group(3).strip()) : Optional.empty();
    }

    private Handled greet(TgMessage message, BotUser me, boolean owner, String payload) {
        Verdict verdict = owner ? new Verdict.Admitted() : access.check(message.from().accessNames(), payload);
        String text = Greeting.of(me, message.from(), owner, verdict, silent.getAsBoolean());
        String preview = ContentReader.preview(message.content());
        switch (verdict) {
            case Verdict.Admitted admitted -> { }
            case Verdict.TokenSubmitted submitted ->
                    refuse(message, preview, UnauthorizedRecorder.TOKEN_SUBMITTED, true);
            case Verdict.Refused refused -> refuse(message, preview, UnauthorizedRecorder.UNAUTHORIZED,
                    !config.dropUnauthorized());
        }
        if (outbox.send(message.chatId(), text, "") instanceof SendResult.Failed failed) {
            log.warn("Telegram greeting not sent", "chat_id", message.chatId(), "error", failed.reason());
        }
        return new Handled.Greeted(message.chatId(), text);
    }

    private Handled publish(TgMessage message, boolean internal) throws InterruptedException {
        InboundMedia.Read read = reader.read(fileStem(message), message.content());
        String text = message.edited() ? "[Edited] " + read.text() : read.text();
        InboundMessage inbound = toInbound(message, text, read.mediaPath(), internal);
        return switch (inbox.submit(inbound)) {
            case Receipt.Accepted accepted -> {
                typing.start(message.chatId());
                yield new Handled.Published(inbound);
            }
            case Receipt.Duplicate duplicate -> new Dropped("duplicate (update already stored)");
            case Receipt.Refused refused -> new Handled.NotStored(refused.why().describe());
            case Receipt.Handled answered -> new Dropped("answered at once: " + answered.reply()); // an approval reply
        };
    }

    private Handled refuse(TgMessage message, String preview, String classification, boolean recorded) {
        InboundMessage inbound = toInbound(message, preview, "", false);
        recorder.refused(inbound, classification, recorded, log);
        return new Handled.Refused(inbound, classification, recorded);
    }

    private InboundMessage toInbound(TgMessage m, String text, String mediaPath, boolean internal) {
        return new InboundMessage(CHANNEL, Long.toString(m.chatId()), Long.toString(m.from().id()),
                m.from().displayName(), text, mediaPath, m.chatId() + ":" + m.messageId(), "tg-" + m.updateId(),
                "tg:" + m.updateId(), internal, clock.instant(), "");
    }

    private static String fileStem(TgMessage m) {
        return "tg" + m.chatId() + "-" + m.messageId();
    }
}
