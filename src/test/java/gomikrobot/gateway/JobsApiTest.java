package gomikrobot.gateway;

import static gomikrobot.gateway.ApiAssertions.fails;
import static gomikrobot.gateway.ApiAssertions.okList;
import static gomikrobot.gateway.ApiAssertions.okObject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gomikrobot.json.JsonObject;
import gomikrobot.scheduler.Scheduler;
import gomikrobot.scheduler.Sleeper;
import gomikrobot.testing.MutableClock;
import gomikrobot.testing.TestPipeline;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/v1/jobs} on a real server over the real agent: every field checked, every refusal a JSON error. */
class JobsApiTest {
    private static final String JOBS = "/api/v1/jobs";

    @TempDir
    Path dir;
    private TestPipeline pipeline;
    private Scheduler scheduler;
    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        MutableClock clock = new MutableClock("2026-03-01T08:00:00Z");
        pipeline = TestPipeline.start(dir, Map.of(), true, TestPipeline.quietLog(), clock);
        scheduler = Scheduler.create(pipeline.agent.jobs(), pipeline.timeline, pipeline.inbox,
                pipeline.config.scheduler(), pipeline.workspace, Sleeper.system(), clock, pipeline.ids,
                TestPipeline.quietLog());
        server = TestServer.start(router -> new JobsApi(pipeline.agent.jobs(), scheduler).mount(router));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        scheduler.close();
        pipeline.close();
    }

    private HttpResponse<String> add(String json) throws Exception {
        return server.post(JOBS, json);
    }

    @Test
    void addsListsShowsPausesResumesAndDeletesAJob() throws Exception {
        assertEquals("[]\n", server.get(JOBS).body());
        HttpResponse<String> created = add("{\"prompt\":\"Plan the day.\",\"cron\":\"0 7 * * 1-5\","
                + "\"time_zone\":\"Europe/Berlin\",\"channel\":\"webui\",\"chat_id\":\"1\",\"name\":\"morning\"}");
        assertEquals(201, created.statusCode(), created.body());
        JsonObject job = TestServer.json(created);
        assertEquals(List.of("id", "name", "prompt", "kind", "spec", "time_zone", "schedule", "channel", "chat_id",
                "sender_id", "internal", "enabled", "next_run_at", "last_run_at", "last_status", "last_task_id",
                "last_trace_id", "last_run_status", "last_run_error", "run_count", "created_at", "updated_at"),
                List.copyOf(job.asMap().keySet()));
        long id = job.integer("id", 0);
        assertEquals("2026-03-02T06:00:00Z", job.string("next_run_at", "")); // Monday 07:00 CET
        assertEquals("cron 0 7 * * 1-5 (Europe/Berlin)", job.string("schedule", ""));
        assertEquals(List.of("morning"), okList(server.get(JOBS)).stream().map(j -> j.string("name", "")).toList());
        assertEquals("morning", okObject(server.get(JOBS + "/" + id)).string("name", ""));

        assertEquals(false, okObject(server.post(JOBS + "/" + id + "/pause", "")).bool("enabled", true));
        assertEquals(true, okObject(server.post(JOBS + "/" + id + "/resume", "")).bool("enabled", false));
        JsonObject ran = okObject(server.post(JOBS + "/" + id + "/run", ""));
        assertEquals(List.of("dispatched", 1L), List.of(ran.string("last_status", ""), ran.integer("run_count", 0)));
        assertTrue(!ran.string("last_trace_id", "").isEmpty(), ran.toString());

        assertEquals("morning", okObject(server.method("DELETE", JOBS + "/" + id)).string("name", ""));
        fails(server.get(JOBS + "/" + id), 404, "no job #" + id);
        fails(server.method("DELETE", JOBS + "/" + id), 404, "no job #" + id);
    }

    @Test
    void everyFieldIsChecked() throws Exception {
        String to = ",\"channel\":\"webui\",\"chat_id\":\"1\"}";
        fails(add("{\"prompt\":\"x\",\"in\":\"5m\",\"chanel\":\"webui\"}"), 400,
                "unknown field 'chanel'; a job has name, prompt, at, in, every, cron, time_zone, channel, chat_id");
        fails(add("{\"prompt\":\"x\",\"in\":5" + to), 400, "in must be a string");
        fails(add("[1]"), 400, "invalid body");
        fails(add("{\"in\":\"5m\"" + to), 400,
                "the prompt (what the agent is to do when the job runs) must be 1 to 4000 characters");
        fails(add("{\"prompt\":\"" + "x".repeat(4001) + "\",\"in\":\"5m\"" + to), 400,
                "the prompt (what the agent is to do when the job runs) must be 1 to 4000 characters");
        fails(add("{\"prompt\":\"x\"" + to), 400, "say when the job runs with exactly one of at (a time), in (a"
                + " duration from now), every (a duration) or cron (an expression); got 0");
        fails(add("{\"prompt\":\"x\",\"in\":\"5m\",\"every\":\"1h\"" + to), 400, "say when the job runs with"
                + " exactly one of at (a time), in (a duration from now), every (a duration) or cron (an expression);"
                + " got 2");
        fails(add("{\"prompt\":\"x\",\"cron\":\"61 * * * *\"" + to), 400, "minute value 61 is outside 0-59");
        fails(add("{\"prompt\":\"x\",\"every\":\"30s\"" + to), 400, "every must be at least 1m, got 30s");
        fails(add("{\"prompt\":\"x\",\"in\":\"-5m\"" + to), 400, "in must be more than 0 and at most 10 years, got -5m");
        fails(add("{\"prompt\":\"x\",\"at\":\"2026-03-01T07:59:00Z\",\"time_zone\":\"UTC\"" + to), 400,
                "at 2026-03-01 07:59 UTC has already passed (it is 2026-03-01 08:00 UTC now)");
        fails(add("{\"prompt\":\"x\",\"at\":\"tomorrow\"" + to), 400, "at 'tomorrow' is not a time: write"
                + " 2026-03-01T09:00 (in the job's time zone), 2026-03-01T09:00+01:00, or 09:00 for the next 09:00");
        fails(add("{\"prompt\":\"x\",\"in\":\"5m\",\"time_zone\":\"Mars/Olympus\"" + to), 400,
                "unknown time zone 'Mars/Olympus': use a name like Europe/Berlin or an offset like +01:00");
        fails(add("{\"prompt\":\"x\",\"in\":\"5m\",\"channel\":\"local\",\"chat_id\":\"1\"}"), 400,
                "a job answers in the chat it was made in, and the local channel only answers someone waiting for"
                        + " the answer, so nobody would read what the job says: make it from WhatsApp, Telegram or the"
                        + " web chat, or with `gomikrobot cron add --to CHANNEL:CHAT`");
        fails(add("{\"prompt\":\"x\",\"in\":\"5m\",\"channel\":\"whatsapp\",\"chat_id\":\"1\"}"), 400,
                "jobs cannot answer on channel 'whatsapp'; they can on: webui");
        fails(add("{\"prompt\":\"x\",\"in\":\"5m\",\"channel\":\"webui\",\"chat_id\":\"alice\"}"), 400,
                "'alice' is not a chat of webui (a web user's number)");
        fails(add("{\"prompt\":\"x\",\"in\":\"5m\",\"name\":\"Heartbeat\"" + to), 400,
                "the name 'heartbeat' is kept for the heartbeat; choose another");
        assertEquals(201, add("{\"prompt\":\"x\",\"in\":\"5m\",\"name\":\"twice\"" + to).statusCode());
        fails(add("{\"prompt\":\"x\",\"in\":\"5m\",\"name\":\"twice\"" + to), 409,
                "a job named 'twice' exists; choose another name");
    }

    @Test
    void pathsAndMethodsAreChecked() throws Exception {
        fails(server.get(JOBS + "/abc"), 400, "a job id is a number, as in /api/v1/jobs/3");
        fails(server.get(JOBS + "/"), 400, "a job id is a number, as in /api/v1/jobs/3");
        fails(server.get(JOBS + "/99"), 404, "no job #99");
        fails(server.post(JOBS + "/99/run", ""), 404, "no job #99");
        fails(server.post(JOBS + "/99/explode", ""), 404, "not found");
        fails(server.get(JOBS + "/99/pause"), 405, "method not allowed");
        fails(server.post(JOBS + "/99", ""), 405, "method not allowed");
        fails(server.method("PUT", JOBS), 405, "method not allowed");
    }
}
