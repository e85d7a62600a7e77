package gomikrobot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.testing.FakeOpenAiServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code agent -m} as a shell script runs it, in a process of its own against a local model over plain http:
 * the answer on stdout, exactly one provider request (the memory is empty), and nothing of TLS loaded.
 */
class AgentProcessTest {
    @TempDir
    Path tmp;

    @Test
    void oneTurnOverPlainHttpLoadsNoTlsAndCostsOneProviderRequest() throws Exception {
        try (FakeOpenAiServer llm = FakeOpenAiServer.start()) {
            Path classes = tmp.resolve("classes.log");
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-Xlog:class+load=info:file=" + classes,
                    "-cp", System.getProperty("java.class.path"), "gomikrobot.cli.Main", "agent", "-m", "hello")
                    .redirectOutput(tmp.resolve("out").toFile()).redirectError(tmp.resolve("err").toFile());
            pb.environment().keySet().removeIf(k -> k.startsWith("MIKROBOT_") || k.endsWith("_API_KEY"));
            pb.environment().put("GOMIKROBOT_HOME", tmp.resolve("home").toString());
            pb.environment().put("HOME", tmp.toString());
            pb.environment().put("MIKROBOT_OPENAI_API_BASE", llm.baseUrl());
            pb.environment().put("MIKROBOT_PATHS_WORK_REPO_PATH", tmp.resolve("repo").toString());
            Process p = pb.start();
            p.getOutputStream().close();
            boolean exited = p.waitFor(60, TimeUnit.SECONDS);
            p.destroyForcibly();
            String err = Files.readString(tmp.resolve("err"));

            assertTrue(exited, "agent -m did not finish: " + err);
            assertEquals(0, p.exitValue(), err);
            assertEquals("echo: hello\n", Files.readString(tmp.resolve("out")));
            List<String> tls = Files.readAllLines(classes).stream().filter(line -> line.contains(" sun.security.ssl."))
                    .toList();
            assertEquals(List.of(), tls, "no TLS implementation loaded for an http:// provider");
            assertEquals(List.of("/v1/chat/completions"), llm.requests().stream().map(r -> r.path()).toList());
            assertNull(llm.last("/chat/completions").header("Upgrade"));
        }
    }
}
