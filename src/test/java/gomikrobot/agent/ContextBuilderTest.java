package gomikrobot.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.bus.InboundMessage;
import gomikrobot.provider.ChatMessage;
import gomikrobot.session.SessionStore;
import gomikrobot.testing.TestPipeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The prompt is laid out for providers' prompt caches: what stays the same first, what changes last. */
class ContextBuilderTest {
    @TempDir
    Path workspace;

    private ContextBuilder builder(String now, String memory) {
        SessionStore sessions = new SessionStore(workspace.resolve("sessions"), 50, 8, TestPipeline.quietLog());
        return new ContextBuilder(workspace, () -> workspace.resolve("repo"), sessions, query -> memory,
                Clock.fixed(Instant.parse(now), ZoneOffset.UTC), TestPipeline.quietLog());
    }

    private static InboundMessage message(String text) {
        return InboundMessage.of("cli", "default", "cli:default", "CLI", text, true, Instant.EPOCH);
    }

    @Test
    void theSystemPromptKeepsItsStablePrefixWhileTheTimeAndMemoryChange() throws Exception {
        Files.writeString(workspace.resolve("SOUL.md"), "Always answer like a pirate.");
        String morning = builder("2026-02-14T09:00:00Z", "- (user) likes tea").systemPrompt(message("hi"),
                "- (user) likes tea");
        String evening = builder("2026-02-14T21:30:00Z", "").systemPrompt(message("and now?"), "");

        int now = morning.indexOf("## Now");
        assertTrue(now > morning.indexOf("Always answer like a pirate."), "soul files before the time");
        assertTrue(now > morning.indexOf("sender: CLI"), "who is talking before the time");
        assertTrue(morning.indexOf("## Relevant memory") > now, "memory after the time");
        assertEquals(morning.substring(0, now), evening.substring(0, evening.indexOf("## Now")),
                "everything before the time is the same from call to call");
        assertTrue(morning.contains("2026-02-14 09:00") && evening.contains("2026-02-14 21:30"));
    }

    @Test
    void thePromptIsTheSystemPromptThenTheHistoryThenTheMessage() {
        ContextBuilder context = builder("2026-02-14T09:00:00Z", "");
        List<ChatMessage> prompt = context.prompt(message("what now?"));
        assertEquals(2, prompt.size());
        assertTrue(prompt.getFirst().content().startsWith("# GoMikroBot"));
        assertEquals("what now?", prompt.getLast().content());
    }

    @Test
    void theTimeSectionNamesTheDaysInEnglishWithADateTableForTheWeekAhead() {
        String prompt = builder("2026-12-01T21:30:00Z", "").systemPrompt(message("hi"), ""); // a Tuesday
        String now = prompt.substring(prompt.indexOf("## Now"));
        assertTrue(now.startsWith("## Now\n2026-12-01 21:30 Z (Tuesday)\n"), now);
        assertTrue(now.contains("""
                | day | date |
                |---|---|
                | yesterday | Mon 2026-11-30 |
                | today | Tue 2026-12-01 |
                | tomorrow | Wed 2026-12-02 |
                | Thursday | Thu 2026-12-03 |
                | Friday | Fri 2026-12-04 |
                | Saturday | Sat 2026-12-05 |
                | Sunday | Sun 2026-12-06 |
                | Monday | Mon 2026-12-07 |
                | Tuesday | Tue 2026-12-08 |
                """), now);
    }
}
