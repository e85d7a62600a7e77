package gomikrobot.group;

import gomikrobot.config.GroupConfig;
import gomikrobot.json.Json;
import gomikrobot.json.JsonObject;
import gomikrobot.timeline.GroupTask;
import gomikrobot.tools.Schema;
import gomikrobot.tools.Tool;
import gomikrobot.tools.ToolContext;
import gomikrobot.tools.ToolResult;
import java.util.Map;
import java.util.Optional;

/**
 * {@code delegate} (tier 1): hands a task to another member of the group — a named one, one that has a tool, or
 * any other online member, never the one whose task this turn serves — and returns its answer. The turn waits
 * for it (up to {@code group.taskTimeout}) on its own virtual thread; other sessions go on.
 */
final class DelegateTool implements Tool {
    private final GroupNode node;

    DelegateTool(GroupNode node) {
        this.node = node;
    }

    @Override
    public String name() {
        return GroupConfig.TOOLS.get(0);
    }

    @Override
    public String description() {
        return "Ask another agent of your group to do a task and wait for its answer. Name the member with 'to',"
                + " or a tool it must have with 'tool', or neither for any other online member.";
    }

    @Override
    public Map<String, Object> parameters() {
        return Schema.object(Json.object(
                "task", Schema.string("What the other agent should do, self-contained"),
                "context", Schema.string("Optional material it needs"),
                "to", Schema.string("Optional agent id of the member to ask"),
                "tool", Schema.string("Optional tool the member must have")), "task");
    }

    @Override
    public int tier() {
        return 1;
    }

    @Override
    public ToolResult execute(JsonObject args, ToolContext ctx) {
        String task = args.string("task", "").strip();
        String context = args.string("context", "").strip();
        if (task.isEmpty()) {
            return new ToolResult.Failed("task is empty");
        }
        if (task.length() + context.length() > GroupTask.MAX_CHARS) {
            return new ToolResult.Failed("task and context are longer than " + GroupTask.MAX_CHARS
                    + " characters");
        }
        try {
            Optional<GroupTask> done = node.delegate(Target.of(args.string("to", ""), args.string("tool", "")),
                    task, context, ctx.traceId(), askedBy(ctx));
            if (done.isEmpty()) {
                return new ToolResult.Failed("no answer within " + node.taskTimeout().toSeconds()
                        + " s; the task goes on and its answer will be listed under the group's tasks");
            }
            GroupTask t = done.get();
            return t.status().equals(GroupTask.COMPLETED)
                    ? new ToolResult.Ok("Answer from " + t.responderId() + ":\n" + t.responseContent())
                    : new ToolResult.Failed(t.responderId() + " could not do it: " + t.responseContent());
        } catch (GroupException e) {
            return new ToolResult.Failed(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ToolResult.Failed("interrupted while waiting for the answer");
        }
    }

    /** The member whose task this turn serves (its chat on channel {@code group}), or "" for our own work. */
    static String askedBy(ToolContext ctx) {
        return IncomingTasks.CHANNEL.equals(ctx.channel()) ? ctx.chatId() : "";
    }
}
