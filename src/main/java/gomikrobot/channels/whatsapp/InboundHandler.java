package gomikrobot.channels.whatsapp;

import gomikrobot.bus.Inbox;
import gomikrobot.bus.InboundMessage;
import gomikrobot.bus.Receipt;
import gomikrobot.channels.InboundMedia;
import gomikrobot.channels.access.AccessControl;
import gomikrobot.channels.access.AccessPolicy.Verdict;
import gomikrobot.channels.access.UnauthorizedRecorder;
import gomikrobot.channels.whatsapp.InboundOutcome.Dropped;
import gomikrobot.channels.whatsapp.InboundOutcome.Published;
import gomikrobot.channels.whatsapp.InboundOutcome.Unauthorized;
import gomikrobot.channels.whatsapp.WaMessage.Content;
import gomikrobot.config.Groups;
import gomikrobot.observe.Log;
import java.time.Clock;
import java.util.Set;

/**
 * The inbound path of the channel, in order: forget redeliveries and our own echoes, drop noise, drop group
 * messages unless groups are read and the message mentions us or replies to us, let the owner's self-chat through
 * as internal, ask access control about everyone else, then read the content (download, save, transcribe) and
 * hand it to the inbox with idempotency key {@code wa:<id>} and trace {@code wa-<id>}. Refused messages never
 * reach the inbox; they are recorded as unauthorized unless {@code dropUnauthorized}.
 */
final class InboundHandler {
    static final String CHANNEL = "whatsapp";
    static final String SENDER_NAME = "User";
    private static final String STATUS_BROADCAST = "status@broadcast";

    private final AccessControl access;
    private final ContentReader reader;
    private final Inbox inbox;
    private final UnauthorizedRecorder recorder;
    private final boolean dropUnauthorized;
    private final boolean ignoreReactions;
    private final Groups groups;
    private final RecentIds seen;
    private final RecentIds sentByUs;
    private final RecentIds voiceTraces;
    private final Clock clock;
    private final Log log;

    InboundHandler(AccessControl access, ContentReader reader, Inbox inbox, UnauthorizedRecorder recorder,
                   boolean dropUnauthorized, boolean ignoreReactions, Groups groups,
                   RecentIds sentByUs, RecentIds voiceTraces, Clock clock, Log log) {
        this.access = access;
        this.reader = reader;
        this.inbox = inbox;
        this.recorder = recorder;
        this.dropUnauthorized = dropUnauthorized;
        this.ignoreReactions = ignoreReactions;
        this.groups = groups;
        this.seen = new RecentIds(4096);
        this.sentByUs = sentByUs;
        this.voiceTraces = voiceTraces;
        this.clock = clock;
        this.log = log;
    }

    /** Handles one message; {@code selfUsers} are the user parts of the linked account (phone and LID). */
    InboundOutcome handle(WaMessage message, Set<String> selfUsers) throws InterruptedException {
        InboundOutcome outcome = decide(message, selfUsers);
        log.debug("WhatsApp inbound", "message_id", message.id(), "outcome", outcome.getClass().getSimpleName());
        return outcome;
    }

    private InboundOutcome decide(WaMessage message, Set<String> selfUsers) throws InterruptedException {
        if (message.id().isBlank()) {
            return new Dropped("no message id");
        }
        if (!seen.add(message.id())) {
            return new Dropped("duplicate");
        }
        if (sentByUs.contains(message.id())) {
            return new Dropped("our own reply");
        }
        String noise = noiseReason(message);
        if (noise != null) {
            return new Dropped(noise);
        }
        if (JidText.isGroup(message.chatJid()) && !readsGroupMessage(message, selfUsers)) {
            return new Dropped(groups == Groups.OFF ? "group message (groups are off)"
                    : "group message not addressed to us");
        }
        boolean selfChat = selfUsers.contains(JidText.user(message.chatJid()));
        if (message.fromMe()) {
            return selfChat ? publish(message, true) : new Dropped("owner writing to another chat");
        }
        String preview = ContentReader.preview(message.content());
        return switch (access.check(message.senderJid(), preview)) {
            case Verdict.Admitted admitted -> publish(message, false);
            case Verdict.TokenSubmitted submitted -> refuse(message, preview, UnauthorizedRecorder.TOKEN_SUBMITTED, true);
            case Verdict.Refused refused -> refuse(message, preview, UnauthorizedRecorder.UNAUTHORIZED, !dropUnauthorized);
        };
    }

    private String noiseReason(WaMessage message) {
        if (STATUS_BROADCAST.equals(message.chatJid())) {
            return "status update";
        }
        return switch (message.content()) {
            case Content.Ignored ignored -> "not readable: " + ignored.kind();
            case Content.Text text when text.text() == null || text.text().isBlank() -> "empty";
            case Content.Reaction reaction when ignoreReactions -> "reaction";
            case Content.Reaction reaction when reaction.emoji() == null || reaction.emoji().isBlank() -> "reaction removed";
            default -> null;
        };
    }

    /** With groups on {@code mention}: the message names our number (or LID) or answers one of our messages. */
    private boolean readsGroupMessage(WaMessage message, Set<String> selfUsers) {
        return switch (groups) {
            case OFF -> false;
            case MENTION -> selfUsers.contains(JidText.user(message.quotedSender()))
                    || message.mentions().stream().map(JidText::user).anyMatch(selfUsers::contains);
        };
    }

    private InboundOutcome publish(WaMessage message, boolean internal) throws InterruptedException {
        InboundMedia.Read read = reader.read(message.id(), message.content());
        InboundMessage inbound = toInbound(message, read.text(), read.mediaPath(), internal);
        if (message.content() instanceof Content.Audio audio && audio.voice()) {
            voiceTraces.add(inbound.traceId());
        }
        return switch (inbox.submit(inbound)) {
            case Receipt.Accepted accepted -> new Published(inbound);
            case Receipt.Duplicate duplicate -> new Dropped("duplicate");
            case Receipt.Refused refused -> new Dropped(refused.why().describe());
            case Receipt.Handled handled -> new Dropped("answered at once: " + handled.reply());
        };
    }

    private InboundOutcome refuse(WaMessage message, String preview, String classification, boolean record) {
        InboundMessage inbound = toInbound(message, preview, "", false);
        recorder.refused(inbound, classification, record, log);
        return new Unauthorized(inbound, classification, record);
    }

    private InboundMessage toInbound(WaMessage message, String text, String mediaPath, boolean internal) {
        return new InboundMessage(CHANNEL, message.chatJid(), JidText.user(message.senderJid()), SENDER_NAME, text,
                mediaPath, message.id(), "wa-" + message.id(), "wa:" + message.id(), internal, clock.instant(), "");
    }
}
