package gomikrobot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gomikrobot cron} without a gateway: jobs are stored in the database for the gateway's next start, a job
 * cannot be run now, and every argument is checked. (With a running gateway: {@link SchedulerGatewayTest}.)
 */
class CronCommandTest {
    @TempDir
    Path home;

    private CliRun cron(String... args) throws IOException {
        String[] all = new String[args.length + 1];
        all[0] = "cron";
        System.arraycopy(args, 0, all, 1, args.length);
        return CliRun.run(home, env(), "", all);
    }

    /** A dashboard port where nothing listens: no gateway answers. */
    private Map<String, String> env() throws IOException {
        Map<String, String> env = new HashMap<>();
        try (ServerSocket free = new ServerSocket(0)) {
            env.put("MIKROBOT_DASHBOARD_PORT", Integer.toString(free.getLocalPort()));
        }
        return env;
    }

    @Test
    void withoutAGatewayJobsAreStoredManagedAndListedButNotRun() throws IOException {
        CliRun added = cron("add", "--prompt", "Water the plants.", "--every", "2h", "--to", "webui:1", "--name",
                "plants");
        assertEquals(0, added.exit, added.err);
        assertTrue(added.out.startsWith("Added #1 \"plants\": every 2h; next run "), added.out);
        assertTrue(added.out.contains("; answers webui:1; does: Water the plants."), added.out);
        assertTrue(added.out.contains("No gateway is running at 127.0.0.1:"), added.out);
        assertTrue(added.out.contains("takes effect when `gomikrobot gateway` starts"), added.out);

        CliRun listed = cron("list");
        assertEquals(0, listed.exit, listed.err);
        assertTrue(listed.out.startsWith("#1 \"plants\": every 2h; next run "), listed.out);
        assertTrue(cron("pause", "1").out.startsWith("Paused #1 \"plants\": every 2h; paused"));
        assertTrue(cron("resume", "1").out.startsWith("Resumed #1 \"plants\": every 2h; next run"));

        CliRun run = cron("run", "1");
        assertEquals(1, run.exit);
        assertTrue(run.err.startsWith("gomikrobot cron: no gateway is running at 127.0.0.1:"), run.err);
        assertTrue(run.err.contains("only a running gateway can run a job: start it with `gomikrobot gateway`"),
                run.err);

        assertTrue(cron("remove", "1").out.startsWith("Removed #1 \"plants\""));
        assertEquals("No jobs.\n", cron("list").out);
        CliRun gone = cron("remove", "1");
        assertEquals(1, gone.exit);
        assertEquals("gomikrobot cron: no job #1\n", gone.err);
    }

    @Test
    void argumentsAreCheckedWithTheUsageLine() throws IOException {
        assertUsage(cron(), "say what to do: list, add, remove, pause, resume or run");
        assertUsage(cron("explode"), "unknown action \"explode\"");
        assertUsage(cron("add", "--prompt", "x", "--in", "5m"), "add needs --to CHANNEL:CHAT, where the job's answers go"
                + " (e.g. whatsapp:4915112345678@s.whatsapp.net or webui:1)");
        assertUsage(cron("add", "--prompt", "x", "--in", "5m", "--to", "cli:default"),
                "a job answers in the chat it was made in, and the cli channel only answers someone waiting for the"
                        + " answer, so nobody would read what the job says: make it from WhatsApp, Telegram or the web"
                        + " chat, or with `gomikrobot cron add --to CHANNEL:CHAT`");
        assertUsage(cron("add", "--prompt", "x", "--cron", "0 25 * * *", "--to", "webui:1"),
                "hour value 25 is outside 0-23");
        assertUsage(cron("remove"), "remove needs the job's number (see `gomikrobot cron list`)");
        assertUsage(cron("pause", "abc"), "pause needs the job's number (see `gomikrobot cron list`), got abc");
        assertUsage(cron("list", "--prompt", "x"), "options are for add only");
        assertUsage(cron("list", "extra"), "unexpected argument extra");
        assertUsage(cron("add", "--bogus", "x"), "unknown option --bogus");
    }

    private static void assertUsage(CliRun run, String message) {
        assertEquals(2, run.exit, run.err);
        assertEquals("gomikrobot cron: " + message, run.err.lines().findFirst().orElse(""));
        assertTrue(run.err.lines().skip(1).findFirst().orElse("").startsWith("usage: gomikrobot cron list"), run.err);
    }
}
