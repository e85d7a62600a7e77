package gomikrobot.delivery;

import gomikrobot.channels.Channel;
import gomikrobot.timeline.Task;
import gomikrobot.timeline.WebUserStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Delivers a finished task's reply on one channel. {@code silent} is the current silent mode. */
@FunctionalInterface
public interface Route {
    Outcome deliver(Task task, boolean silent);

    /**
     * The gateway's routes by channel: the web UI (and its WhatsApp forwarding), each running messaging channel
     * (WhatsApp, Telegram) under its name, and the in-line channels {@code cli}, {@code local} and
     * {@code openai}, whose replies only arrive here when nobody waited for them. A new map, which the caller
     * may add to (the gateway adds the group's route).
     */
    static Map<String, Route> standard(WebUserStore webUsers, List<Channel> channels, DeliveryLog log) {
        Map<String, Route> routes = new HashMap<>();
        Optional<Channel> whatsapp = channels.stream().filter(c -> c.name().equals("whatsapp")).findFirst();
        routes.put("webui", new WebUiRoute(webUsers, whatsapp, log));
        channels.forEach(c -> routes.put(c.name(), new ChannelRoute(c, log)));
        routes.put("cli", new InlineRoute());
        routes.put("local", new InlineRoute());
        routes.put("openai", new InlineRoute());
        return routes;
    }
}
