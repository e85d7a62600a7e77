package gomikrobot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.testing.Eventually;
import gomikrobot.testing.FakeOpenAiServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs with a real gateway process: {@code gomikrobot cron add} goes through the running gateway, whose scheduler
 * runs the job at once rather than at its next look at the table; and a gateway killed with SIGKILL while a run is
 * at the model does not run that job twice after the restart: one task, answered once.
 */
class SchedulerGatewayTest {
    @TempDir
    Path dir;
    private final Http http = new Http();

    @Test
    void aJobAddedWhileTheGatewayRunsIsPlannedAtOnceAndAKillNineDoesNotRunItTwice() throws Exception {
        try (FakeOpenAiServer llm = FakeOpenAiServer.start()) {
            llm.setDefaultDelay(request -> request.toString().contains("Send the report") ? Duration.ofSeconds(60)
                    : Duration.ZERO);
            long jobId;
            try (GatewayProcess first = GatewayProcess.start(dir, "first", env(llm))) {
                assertTrue(first.awaitListening(Duration.ofSeconds(30)), first.stderr());
                CliRun added = cron(first, "add", "--prompt", "Send the report.", "--in", "1s", "--to", "webui:1");
                assertEquals(0, added.exit, added.err);
                assertTrue(added.out.startsWith("Added #"), added.out);
                assertTrue(!added.out.contains("No gateway is running"), added.out);
                jobId = Long.parseLong(added.out.substring("Added #".length(), added.out.indexOf(' ', 7)));
                // due in a second: the scheduler was woken by the change, not left asleep for half a minute
                Eventually.await(() -> llm.requests().stream().anyMatch(r -> r.body().contains("Send the report")),
                        "the job's run at the model");
                first.kill(); // mid-run: the task is processing, the job has moved on
            }
            llm.setDefaultDelay(Duration.ZERO);
            try (GatewayProcess second = GatewayProcess.start(dir, "second", env(llm))) {
                assertTrue(second.awaitListening(Duration.ofSeconds(30)), second.stderr());
                String api = "http://127.0.0.1:" + second.dashboardPort() + "/api/v1";
                Eventually.await(() -> "completed".equals(job(api, jobId).get("last_run_status")),
                        "the interrupted run finished by the new gateway");
                Map<String, Object> job = job(api, jobId);
                assertEquals(List.of("dispatched", 1L), List.of(job.get("last_status"), job.get("run_count")));
                assertNull(job.get("next_run_at"));
                List<Object> runs = http.get(api + "/tasks?channel=webui").array().stream()
                        .filter(t -> String.valueOf(((Map<?, ?>) t).get("idempotency_key")).startsWith("job:" + jobId + ":"))
                        .toList();
                assertEquals(1, runs.size(), runs.toString());

                CliRun ran = cron(second, "run", Long.toString(jobId));
                assertEquals(0, ran.exit, ran.err);
                assertTrue(ran.out.startsWith("Running now: #" + jobId), ran.out);
                assertTrue(ran.out.contains("/timeline#trace/"), ran.out);
                Eventually.await(() -> ((Number) job(api, jobId).get("run_count")).longValue() == 2
                        && "completed".equals(job(api, jobId).get("last_run_status")), "the run asked for");
            }
        }
    }

    private Map<String, Object> job(String api, long id) {
        try {
            return http.get(api + "/jobs/" + id).object();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private CliRun cron(GatewayProcess gateway, String... args) {
        Map<String, String> env = new HashMap<>(Map.of("GOMIKROBOT_HOME", dir.resolve("h").toString(),
                "MIKROBOT_DASHBOARD_PORT", Integer.toString(gateway.dashboardPort())));
        String[] all = new String[args.length + 1];
        all[0] = "cron";
        System.arraycopy(args, 0, all, 1, args.length);
        return CliRun.run(dir, env, "", all);
    }

    private Map<String, String> env(FakeOpenAiServer llm) {
        Map<String, String> env = new HashMap<>();
        env.put("GOMIKROBOT_HOME", dir.resolve("h").toString());
        env.put("HOME", dir.toString());
        env.put("MIKROBOT_OPENAI_API_BASE", llm.baseUrl());
        env.put("MIKROBOT_OPENAI_API_KEY", "sk-test-sched-1234");
        env.put("MIKROBOT_PATHS_WORK_REPO_PATH", dir.resolve("repo").toString());
        return env;
    }
}
