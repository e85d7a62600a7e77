package gomikrobot.gateway;

import com.sun.net.httpserver.HttpExchange;
import gomikrobot.bus.Inbox;
import gomikrobot.bus.InboundMessage;
import gomikrobot.bus.Receipt;
import gomikrobot.json.Json;
import gomikrobot.json.JsonObject;
import gomikrobot.observe.Ids;
import gomikrobot.observe.Log;
import gomikrobot.timeline.EventStore;
import gomikrobot.timeline.SettingsStore;
import gomikrobot.timeline.TimelineEvent;
import gomikrobot.timeline.WebUser;
import gomikrobot.timeline.WebUserStore;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;

/**
 * {@code POST /api/v1/webchat/send} (contract §3.3): a web user talks to the agent. In order: look the user
 * up; when they have a WhatsApp link, forward their input there and log a {@code WEBUI_INPUT_ACK_…} event;
 * hand the message to the inbox (channel {@code webui}, external, idempotency key {@code web:<trace>}), which
 * writes the task row and the {@code WEBUI_IN_…} event before it returns. Answers
 * {@code {"status":"queued","trace_id":…}} at once: the dashboard shows the answer growing
 * ({@link PartialAnswers}) until it appears on the timeline.
 */
final class WebChatApi {
    static final String PATH = "/api/v1/webchat/send";
    static final String CHANNEL = "webui";

    private final WebUserStore users;
    private final SettingsStore settings;
    private final EventStore events;
    private final Inbox inbox;
    private final WhatsAppForwarder whatsapp;
    private final PartialAnswers partials;
    private final Ids ids;
    private final Clock clock;
    private final Log log;

    WebChatApi(WebUserStore users, SettingsStore settings, EventStore events, Inbox inbox,
               WhatsAppForwarder whatsapp, PartialAnswers partials, Ids ids, Clock clock, Log log) {
        this.users = users;
        this.settings = settings;
        this.events = events;
        this.inbox = inbox;
        this.whatsapp = whatsapp;
        this.partials = partials;
        this.ids = ids;
        this.clock = clock;
        this.log = log;
    }

    void mount(Router router) {
        router.exact(PATH, this::send, "POST");
        partials.mount(router);
    }

    private void send(HttpExchange exchange) throws IOException {
        JsonObject body = Requests.body(exchange);
        long userId = WebUsersApi.userId(body);
        String message = Requests.string(body, "message");
        if (userId <= 0 || message.isBlank()) {
            throw HttpError.badRequest("web_user_id and message required");
        }
        WebUser user = users.get(userId).orElseThrow(() -> HttpError.badRequest("web user not found"));
        String traceId = ids.hex16();
        Optional<String> link = users.linkOf(userId);
        link.ifPresent(jid -> forward(user, jid, message, traceId));
        publish(user, message, traceId);
        Responses.json(exchange, 200, Json.object("status", "queued", "trace_id", traceId));
    }

    /** Step 2: the user's own words go to their WhatsApp chat too, and the outcome is logged. */
    private void forward(WebUser user, String jid, String message, String traceId) {
        String status = whatsapp.forward(jid, message, user.forceSend(), settings.isSilentMode(), traceId);
        TimelineEvent ack = TimelineEvent.create("WEBUI_INPUT_ACK_" + ids.unixNano(), traceId, "AGENT", "Agent",
                "SYSTEM", message, "WEBUI_INPUT_OUTBOUND->" + jid + " force=" + user.forceSend() + " status=" + status,
                true);
        try {
            events.append(ack);
        } catch (RuntimeException e) {
            // the input was already forwarded: a missing log line must not turn into an error and a resend
            log.unexpected("Timeline write failed", e, "event_id", ack.eventId());
        }
    }

    /** Steps 3 and 4: the inbox records task and inbound event, then queues it for the agent. */
    private void publish(WebUser user, String message, String traceId) {
        InboundMessage inbound = new InboundMessage(CHANNEL, Long.toString(user.id()), "webui:" + user.name(),
                user.name(), message, "", "", traceId, "web:" + traceId, false, clock.instant(), "");
        Receipt receipt;
        try {
            receipt = inbox.submit(inbound, partials.follow(traceId));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HttpError(503, "gateway is shutting down");
        }
        if (receipt instanceof Receipt.Refused refused) {
            throw new HttpError(503, refused.why().describe());
        }
    }
}
