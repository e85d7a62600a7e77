package gomikrobot.bench;

import gomikrobot.agent.AgentCore;
import gomikrobot.agent.ReplyDispatcher;
import gomikrobot.bus.InboundMessage;
import gomikrobot.bus.Reply;
import gomikrobot.config.Config;
import gomikrobot.config.ConfigLoader;
import gomikrobot.observe.Ids;
import gomikrobot.observe.Log;
import gomikrobot.observe.Metrics;
import gomikrobot.timeline.Database;
import gomikrobot.timeline.Timeline;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The pipeline's own cost per message with an instant in-process LLM and a real SQLite file: every message
 * writes its task row, inbound/outbound/LLM events and session history. The overhead of one message (in ->
 * answer out) when messages come one at a time; the throughput with 64 sessions sending at once.
 */
final class PipelineBench implements Benchmarks.Benchmark {
    private static final int WARMUP = 500;
    private static final int MESSAGES = 5_000;
    private static final int SESSIONS = 64;

    @Override
    public String name() {
        return "pipeline";
    }

    @Override
    public void run(Benchmarks.Report report) throws Exception {
        Path root = Files.createTempDirectory("gmb-bench-pipeline");
        Config config = new ConfigLoader(Map.of("GOMIKROBOT_HOME", root.resolve("home").toString(),
                "MIKROBOT_PATHS_WORK_REPO_PATH", root.resolve("repo").toString(),
                "MIKROBOT_OPENAI_API_KEY", "sk-bench"), root).load();
        Log log = new Log(Log.Level.ERROR, false, new PrintStream(new ByteArrayOutputStream()), Clock.systemUTC(), Set.of());
        Ids ids = new Ids(Clock.systemUTC());
        try (Database db = Database.open(config.databaseFile(), log)) {
            AgentCore agent = AgentCore.wire(config, Timeline.open(db, Clock.systemUTC(), ids), new InstantLlm(), root,
                    () -> root, ids, Clock.systemUTC(), log, new Metrics());
            ReplyDispatcher replies = new ReplyDispatcher(agent.bus(), agent.intake(),
                    ReplyDispatcher.LEAVE_PENDING, log);
            replies.start();
            agent.loop().start();
            try {
                send(agent, ids, WARMUP, 1);
                double[] alone = send(agent, ids, MESSAGES, 1);
                Stats overhead = new Stats(alone);
                report.figure("pipeline overhead per message, one session: p50", overhead.percentile(50), "ms");
                report.figure("pipeline overhead per message, one session: p99", overhead.percentile(99), "ms");
                long start = System.nanoTime();
                double[] busy = send(agent, ids, MESSAGES, SESSIONS);
                double seconds = (System.nanoTime() - start) / 1e9;
                report.figure("pipeline throughput, " + SESSIONS + " sessions in parallel", MESSAGES / seconds, "msg/s");
                report.figure("pipeline latency under that load: p50", new Stats(busy).percentile(50), "ms");
                report.figure("pipeline latency under that load: p99", new Stats(busy).percentile(99), "ms");
            } finally {
                agent.loop().stop(Duration.ofSeconds(5));
                replies.close();
            }
        }
    }

    private static double[] send(AgentCore agent, Ids ids, int count, int sessions) throws Exception {
        double[] latencies = new double[count];
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (int s = 0; s < sessions; s++) {
                int session = s;
                done.add(pool.submit(() -> {
                    for (int i = session; i < count; i += sessions) {
                        InboundMessage m = InboundMessage.of("cli", "bench-" + session, "bench", "Bench",
                                "message " + i, true, Clock.systemUTC().instant()).withTrace(ids.loopTraceId());
                        long t0 = System.nanoTime();
                        if (agent.intake().ask(m, Duration.ofSeconds(30)) instanceof Reply.Failure) {
                            throw new IllegalStateException("message failed");
                        }
                        latencies[i] = (System.nanoTime() - t0) / 1e6;
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        return latencies;
    }
}
