package gomikrobot.cli;

import java.util.List;

/** A command whose implementation has not landed yet: it says so plainly and exits 2. */
record Pending(String name, String summary, String usage) implements Command {
    @Override
    public int run(List<String> args, CliContext ctx) {
        ctx.err().println("gomikrobot " + name + ": not yet available in this version");
        return 2;
    }
}
