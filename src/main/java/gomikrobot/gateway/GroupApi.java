package gomikrobot.gateway;

import com.sun.net.httpserver.HttpExchange;
import gomikrobot.config.GroupConfig;
import gomikrobot.group.GroupException;
import gomikrobot.group.GroupNode;
import gomikrobot.json.Json;
import gomikrobot.json.JsonObject;
import gomikrobot.timeline.GroupMember;
import gomikrobot.timeline.GroupTables;
import gomikrobot.timeline.SettingsStore;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The group's membership routes (contract §6): {@code GET /api/v1/group/status}, {@code /members},
 * {@code /members/previous}, {@code POST /join}, {@code /leave}, {@code GET/POST /config}. Without a group
 * configured the status says inactive and the rosters are what the database holds; joining then says how to
 * configure one. The group's work (tasks, traces, memory) is {@link GroupWorkApi}.
 */
final class GroupApi {
    static final String PREFIX = "/api/v1/group/";
    /** POST /config keys and the settings they are stored under, as the original. */
    private static final Map<String, String> CONFIG_SETTINGS = Map.of("lfs_proxy_url", "kafscale_lfs_proxy_url",
            "api_key", "kafscale_lfs_proxy_api_key", "kafka_brokers", "kafka_brokers",
            "consumer_group", "kafka_consumer_group", "agent_id", "group_agent_id",
            "poll_interval_ms", "group_poll_interval_ms");

    private final Optional<GroupNode> node;
    private final GroupConfig config;
    private final String agentId;
    private final GroupTables tables;
    private final SettingsStore settings;

    /** @param agentId this member's id, as the node has it or {@code config} gives it when there is no node */
    GroupApi(Optional<GroupNode> node, GroupConfig config, String agentId, GroupTables tables,
             SettingsStore settings) {
        this.node = node;
        this.config = config;
        this.agentId = agentId;
        this.tables = tables;
        this.settings = settings;
    }

    void mount(Router router) {
        router.exact(PREFIX + "status", this::status, "GET");
        router.exact(PREFIX + "members", this::members, "GET");
        router.exact(PREFIX + "members/previous", this::previous, "GET");
        router.exact(PREFIX + "join", this::join, "POST");
        router.exact(PREFIX + "leave", this::leave, "POST");
        router.exact(PREFIX + "config", this::config, "GET", "POST");
    }

    private void status(HttpExchange exchange) throws IOException {
        Responses.json(exchange, 200, statusBody());
    }

    private Map<String, Object> statusBody() {
        GroupNode.Status s = node.map(GroupNode::status).orElse(null);
        if (s == null || !s.active()) {
            return Json.object("active", false, "group_name", "", "member_count", 0L);
        }
        return Json.object("active", true, "agent_id", s.agentId(), "connected", s.connected(),
                "group_name", s.groupName(), "lfs_healthy", false, "lfs_proxy_url", lfsProxyUrl(),
                "member_count", s.memberCount());
    }

    /** The live roster while in a group, else the stored one. */
    private void members(HttpExchange exchange) throws IOException {
        List<GroupMember> roster = node.filter(n -> n.status().active()).map(GroupNode::members)
                .orElseGet(() -> tables.members().current());
        Responses.json(exchange, 200, roster.stream().map(GroupMember::toJson).toList());
    }

    private void previous(HttpExchange exchange) throws IOException {
        Responses.json(exchange, 200, tables.members().previous().stream().map(GroupMember::toJson).toList());
    }

    private void join(HttpExchange exchange) throws IOException {
        JsonObject body = Requests.body(exchange);
        String name = Requests.string(body, "group_name").strip();
        String brokers = Requests.string(body, "kafka_brokers").strip();
        String requestedId = Requests.string(body, "agent_id").strip();
        String lfs = Requests.string(body, "lfs_proxy_url").strip();
        if (name.isEmpty()) {
            throw HttpError.badRequest("group_name required");
        }
        if (!GroupConfig.validName(name)) {
            throw HttpError.badRequest("group_name must be 1-100 letters, digits, _ or -");
        }
        GroupNode n = enabled();
        if (!brokers.isEmpty() && !brokers.equals(config.kafkaBrokers())
                || !requestedId.isEmpty() && !requestedId.equals(n.agentId())) {
            throw HttpError.badRequest("kafka_brokers and agent_id come from config.json (group.kafkaBrokers,"
                    + " group.agentId); change them there and restart the gateway");
        }
        try {
            n.join(name);
        } catch (GroupException e) {
            throw GroupWorkApi.failure(e);
        }
        if (!lfs.isEmpty()) {
            settings.put("kafscale_lfs_proxy_url", lfs);
        }
        Responses.json(exchange, 200, statusBody());
    }

    private void leave(HttpExchange exchange) throws IOException {
        try {
            node.orElseThrow(() -> HttpError.badRequest("not in a group")).leave();
        } catch (GroupException e) {
            throw GroupWorkApi.failure(e);
        }
        Responses.json(exchange, 200, Json.object("status", "left"));
    }

    private void config(HttpExchange exchange) throws IOException {
        if (exchange.getRequestMethod().equals("POST")) {
            storeConfig(exchange);
            return;
        }
        String group = node.map(n -> n.status().groupName()).filter(g -> !g.isEmpty()).orElse(config.groupName());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("agent_id", agentId);
        body.put("api_key", masked(settings.get("kafscale_lfs_proxy_api_key").orElse("")));
        body.put("consumer_group", config.consumerGroupFor(agentId));
        body.put("enabled", config.enabled());
        body.put("group_name", group);
        body.put("kafka_brokers", config.kafkaBrokers());
        body.put("lfs_proxy_url", lfsProxyUrl());
        body.put("poll_interval_ms", settings.get("group_poll_interval_ms").orElse(""));
        Responses.json(exchange, 200, body);
    }

    /** Stores the known keys under the original's setting names; only the poll interval needs no rejoin. */
    private void storeConfig(HttpExchange exchange) throws IOException {
        JsonObject body = Requests.body(exchange);
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : body.asMap().keySet()) {
            if (CONFIG_SETTINGS.containsKey(key)) {
                values.put(key, Requests.string(body, key));
            }
        }
        values.forEach((key, value) -> settings.put(CONFIG_SETTINGS.get(key), value));
        boolean rejoin = values.keySet().stream().anyMatch(k -> !k.equals("poll_interval_ms"));
        Responses.json(exchange, 200, Json.object("requires_rejoin", rejoin, "status", "ok"));
    }

    private GroupNode enabled() {
        return node.orElseThrow(() -> HttpError.badRequest("the group is not enabled: set group.enabled,"
                + " group.groupName, group.kafkaBrokers and group.secret in config.json, then restart the gateway"));
    }

    private String lfsProxyUrl() {
        return settings.get("kafscale_lfs_proxy_url").orElse("");
    }

    /** The original's mask: first 2 and last 2 characters, one asterisk per hidden one; 4 or fewer all hidden. */
    static String masked(String key) {
        if (key.length() <= 4) {
            return "*".repeat(key.length());
        }
        return key.substring(0, 2) + "*".repeat(key.length() - 4) + key.substring(key.length() - 2);
    }
}
