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
}
