package gomikrobot.bench;

import gomikrobot.testing.FakeOpenAiServer;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;

/**
 * The gateway as an always-on service under sustained use: 3,000 {@code POST /chat} requests from 16 clients
 * (each its own session) against the fake LLM over plain http, started by the installed launcher (its default
 * JVM options) and, for comparison, by plain {@code java -jar} with no JVM options (the JVM's own defaults, as
 * before the launcher had any), in alternating rounds. Prints the throughput, resident memory after the load
 * and at its peak, and how many provider requests each message cost (the memory is empty, so exactly one: the
 * chat call, no embeddings call). Medians of {@value #ROUNDS} rounds.
 */
final class LoadBench implements Benchmarks.Benchmark {
    static final int REQUESTS = 3_000;
    static final int CLIENTS = 16;
    private static final int ROUNDS = Integer.getInteger("bench.loadRounds", 3);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Override
    public String name() {
        return "load";
    }

    @Override
    public void run(Benchmarks.Report report) throws Exception {
        Path root = Files.createTempDirectory("gmb-bench-load");
        try (FakeOpenAiServer llm = FakeOpenAiServer.start()) {
            report.figure("load average before /chat load", Machine.loadAverage(), "");
            List<Result> launcher = new ArrayList<>();
            List<Result> plain = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                launcher.add(load(Machine.launcher(), root.resolve("launcher-" + round), llm));
                plain.add(load(Machine.javaJar(List.of(Machine.NATIVE_ACCESS)), root.resolve("plain-" + round), llm));
            }
            String each = " (" + CLIENTS + " clients, " + REQUESTS + " requests, median of " + ROUNDS + ")";
            double before = median(plain, Result::perSecond);
            report.figure("POST /chat throughput, launcher" + each, median(launcher, Result::perSecond), "req/s",
                    "not lower than with the JVM's defaults: " + Benchmarks.Report.format(before) + " req/s");
            report.figure("POST /chat throughput, java -jar with the JVM's defaults" + each, before, "req/s");
            report.figure("RSS after the requests, launcher" + each, median(launcher, Result::rssMiB), "MiB",
                    "at most 160 MiB");
            report.figure("RSS after the requests, java -jar with the JVM's defaults" + each,
                    median(plain, Result::rssMiB), "MiB");
            report.figure("peak RSS (VmHWM), launcher" + each, median(launcher, Result::peakMiB), "MiB");
            report.figure("provider requests per message, empty memory", median(launcher, Result::perMessage), "",
                    "exactly 1");
            report.figure("load average after /chat load", Machine.loadAverage(), "");
        } finally {
            TimelineFixture.deleteTree(root);
        }
    }

    record Result(double perSecond, double rssMiB, double peakMiB, int providerRequests) {
        double perMessage() {
            return providerRequests / (double) REQUESTS;
        }
    }

    /** One fresh gateway started by {@code program}, {@value #REQUESTS} requests from {@value #CLIENTS} clients. */
    Result load(List<String> program, Path home, FakeOpenAiServer llm) throws Exception {
        int before = llm.requests().size();
        try (GatewayProcessHandle gw = GatewayProcessHandle.start(program, home, Machine.gatewayEnv(home, llm))) {
            gw.awaitPorts(60_000);
            long start = System.nanoTime();
            send(gw);
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Result(REQUESTS / seconds, gw.memoryMiB("VmRSS"), gw.memoryMiB("VmHWM"),
                    llm.requests().size() - before);
        }
    }

    private static double median(List<Result> results, ToDoubleFunction<Result> figure) {
        return new Stats(results.stream().mapToDouble(figure).toArray()).median();
    }

    private void send(GatewayProcessHandle gw) throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> clients = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                clients.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < REQUESTS; i = next.getAndIncrement()) {
                        gw.chat(http, "load-" + client, "hello-" + i);
                    }
                    return null;
                }));
            }
        }
        for (Future<?> f : clients) {
            f.get();
        }
    }
}
