package gomikrobot.group;

/** Whom a delegated task goes to: a named member, whichever member has a tool, or any other online member. */
public sealed interface Target {
    record Named(String agentId) implements Target {
    }

    record WithTool(String tool) implements Target {
    }

    record Anyone() implements Target {
    }

    /** From the optional {@code to} and {@code tool} of a request: a name wins over a tool. */
    static Target of(String to, String tool) {
        if (to != null && !to.isBlank()) {
            return new Named(to.strip());
        }
        return tool != null && !tool.isBlank() ? new WithTool(tool.strip()) : new Anyone();
    }
}
