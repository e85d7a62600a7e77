package gomikrobot.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Start-up of a short command as a user meets it: the jar size and the wall time of {@code gomikrobot version},
 * with and without the AOT cache ({@code make aot}), median of 5 runs after one warm-up. The gateway's start-up
 * (with the same cache and other JVM options) is {@link GatewayBench}'s.
 */
final class StartupBench implements Benchmarks.Benchmark {
    static final Path JAR = Path.of("target/gomikrobot.jar");
    static final Path AOT = Path.of("target/gomikrobot.aot");
    private static final int RUNS = 5;

    @Override
    public String name() {
        return "startup";
    }

    @Override
    public void run(Benchmarks.Report report) throws Exception {
        report.figure("jar size", Files.size(JAR) / 1024.0 / 1024.0, "MiB");
        report.figure("version wall time without AOT cache (median of 5)", median(false), "ms");
        if (Files.isRegularFile(AOT)) {
            report.figure("version wall time with AOT cache (median of 5)", median(true), "ms");
        } else {
            System.out.println("(no " + AOT + ": run make aot for the AOT figure)");
        }
    }

    private static double median(boolean aot) throws Exception {
        version(aot); // warm the page cache
        double[] samples = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            samples[i] = version(aot);
        }
        return new Stats(samples).median();
    }

    private static double version(boolean aot) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED"));
        if (aot) {
            cmd.addAll(List.of("-XX:AOTCache=" + AOT, "-Xlog:disable", "-Xlog:all=warning:stderr"));
        }
        cmd.addAll(List.of("-jar", JAR.toString(), "version"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("GOMIKROBOT_HOME", Files.createTempDirectory("gmb-bench-home").toString());
        long start = System.nanoTime();
        Process p = pb.start();
        p.getInputStream().readAllBytes();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("gomikrobot version exited " + p.exitValue());
        }
        return (System.nanoTime() - start) / 1e6;
    }
}
