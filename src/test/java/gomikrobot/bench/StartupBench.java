package gomikrobot.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Start-up of a short command as a user meets it: the jar size and the wall time of {@code gomikrobot version}
 * through the installed launcher (its JVM defaults and the AOT cache, {@code make aot}) and with plain
 * {@code java -jar}, median of 5 runs after one warm-up. The gateway's start-up is {@link GatewayBench}'s, a
 * whole {@code agent -m} turn {@link AgentBench}'s.
 */
final class StartupBench implements Benchmarks.Benchmark {
    private static final int RUNS = 5;

    @Override
    public String name() {
        return "startup";
    }

    @Override
    public void run(Benchmarks.Report report) throws Exception {
        report.figure("jar size", Files.size(Machine.JAR) / 1024.0 / 1024.0, "MiB");
        report.figure("load average before version runs", Machine.loadAverage(), "");
        report.figure("version wall time, java -jar (median of 5)",
                median(Machine.javaJar(List.of(Machine.NATIVE_ACCESS))), "ms");
        List<String> launcher = Machine.launcher();
        report.figure("version wall time, " + Machine.launcherName() + " (median of 5)", median(launcher), "ms");
    }

    private static double median(List<String> program) throws Exception {
        Path home = Files.createTempDirectory("gmb-bench-home");
        version(program, home); // warm the page cache; the launcher remembers its Java
        double[] samples = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            samples[i] = version(program, home);
        }
        TimelineFixture.deleteTree(home);
        return new Stats(samples).median();
    }

    private static double version(List<String> program, Path home) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Machine.withArgs(program, "version"));
        pb.environment().put("GOMIKROBOT_HOME", home.toString());
        pb.environment().remove("GOMIKROBOT_JAVA_OPTS");
        return Machine.timed(pb);
    }
}
