package gomikrobot.delivery;

import gomikrobot.channels.Channel;
import gomikrobot.channels.PersonText;
import gomikrobot.channels.SendResult;
import gomikrobot.timeline.Task;
import gomikrobot.timeline.WebUser;
import gomikrobot.timeline.WebUserStore;
import java.util.Optional;

/**
 * Replies to a web UI user (API-CONTRACT §9.6): always recorded as the outbound event the dashboard shows
 * ({@code WEBUI_OUTBOUND-><jid> force=<bool> status=<…>}, under the task's trace id); when the user is linked
 * to a WhatsApp JID, also forwarded there — unless silent mode is on and the user's {@code force_send} is off.
 * The web reply itself is delivered by being recorded, so the task's delivery is {@code sent} either way.
 */
public final class WebUiRoute implements Route {
    private final WebUserStore users;
    private final Optional<Channel> whatsapp;
    private final DeliveryLog log;

    public WebUiRoute(WebUserStore users, Optional<Channel> whatsapp, DeliveryLog log) {
        this.users = users;
        this.whatsapp = whatsapp;
        this.log = log;
    }

    @Override
    public Outcome deliver(Task task, boolean silent) {
        long userId;
        try {
            userId = Long.parseLong(task.chatId());
        } catch (NumberFormatException e) {
            return new Outcome.Failed("web UI chat id is not a web user id: " + task.chatId());
        }
        String text = PersonText.of(StoredReply.of(task));
        Optional<String> jid = users.linkOf(userId);
        if (jid.isEmpty()) {
            log.delivered(task, text, "WEBUI_OUTBOUND-> force=false status=no_link", "sent", "");
            return new Outcome.Sent();
        }
        boolean force = users.get(userId).map(WebUser::forceSend).orElse(true);
        String status = forward(task, jid.get(), silent, force);
        log.delivered(task, text, "WEBUI_OUTBOUND->" + jid.get() + " force=" + force + " status=" + status, "sent",
                jid.get());
        return new Outcome.Sent();
    }

    private String forward(Task task, String jid, boolean silent, boolean force) {
        if (silent && !force) {
            return "suppressed";
        }
        if (whatsapp.isEmpty()) {
            return "error";
        }
        SendResult r = whatsapp.get().send(StoredReply.to("whatsapp", jid, task));
        return r instanceof SendResult.Sent ? "sent" : "error";
    }
}
