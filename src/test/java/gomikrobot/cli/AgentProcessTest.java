package gomikrobot.cli;

import static gomikrobot.cli.ClassLoadLog.matching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.testing.FakeOpenAiServer;
import gomikrobot.testing.ProgramRun;
import gomikrobot.testing.RecordedRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code agent -m} as a shell script runs it, in a process of its own against a local model over plain http:
 * the answer on stdout, exactly one provider request (the memory is empty), nothing of TLS or of the JDK's
 * {@code HttpClient} loaded, and the JDK's I/O poller never started (its thread would hold the exit back).
 */
class AgentProcessTest {
    @TempDir
    Path tmp;

    @Test
    void oneTurnOverPlainHttpLoadsNoTlsAndCostsOneProviderRequest() throws Exception {
        try (FakeOpenAiServer llm = FakeOpenAiServer.start()) {
            Path classes = tmp.resolve("classes.log");
            ProgramRun r = ProgramRun.run(tmp, List.of(ClassLoadLog.option(classes)), Map.of(
                    "GOMIKROBOT_HOME", tmp.resolve("home").toString(), "HOME", tmp.toString(),
                    "MIKROBOT_OPENAI_API_BASE", llm.baseUrl(),
                    "MIKROBOT_PATHS_WORK_REPO_PATH", tmp.resolve("repo").toString()), "agent", "-m", "hello");

            assertEquals(0, r.exit(), r.err());
            assertEquals("echo: hello\n", r.out());
            assertEquals(List.of(), matching(classes, " sun.security.ssl."), "no TLS loaded for an http:// provider");
            assertEquals(List.of(), matching(classes, " jdk.internal.net.http."), "no HttpClient for an http:// one");
            assertEquals(List.of(), matching(classes, " sun.nio.ch.Poller "), "no virtual thread waited on a socket");
            assertEquals(List.of("/v1/chat/completions"), llm.requests().stream().map(RecordedRequest::path).toList());
            assertNull(llm.last("/chat/completions").header("Upgrade"));
        }
    }
}
