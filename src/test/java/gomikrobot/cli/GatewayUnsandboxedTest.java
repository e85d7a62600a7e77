package gomikrobot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A gateway whose {@code exec} runs unsandboxed says so: one warning at start, and in {@code /api/v1/status}. */
class GatewayUnsandboxedTest {
    @TempDir
    Path dir;

    @Test
    void warnsOnceAtStartAndStatusSaysExecIsNotSandboxed() throws Exception {
        try (LiveGateway gw = LiveGateway.start(dir, Map.of("MIKROBOT_TOOLS_EXEC_SANDBOX", "off"))) {
            Map<String, Object> status = new Http().get(gw.dashboard() + "/api/v1/status").object();
            assertEquals(false, status.get("exec_sandboxed"));
            assertEquals("exec is not sandboxed: tools.exec.sandbox is off", status.get("exec_sandbox"));
            assertEquals(1, gw.log().lines().filter(line -> line.contains("exec is not sandboxed")).count(), gw.log());
        }
    }
}
