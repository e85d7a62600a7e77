package gomikrobot.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** Jar size and the wall time of {@code java -jar gomikrobot.jar version} (median of 5, after one warm-up). */
final class StartupBench implements Benchmarks.Benchmark {
    private static final Path JAR = Path.of("target/gomikrobot.jar");

    @Override
    public String name() {
        return "startup";
    }

    @Override
    public void run(Benchmarks.Report report) throws Exception {
        report.figure("jar size", Files.size(JAR) / 1024.0 / 1024.0, "MiB");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path home = Files.createTempDirectory("gmb-bench-home");
        double[] samples = new double[5];
        run(java, home); // warm the page cache
        for (int i = 0; i < samples.length; i++) {
            samples[i] = run(java, home);
        }
        report.figure("version wall time (median of 5)", new Stats(samples).median(), "ms");
    }

    private static double run(String java, Path home) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(java, "-jar", JAR.toString(), "version").redirectErrorStream(true);
        pb.environment().put("GOMIKROBOT_HOME", home.toString());
        long start = System.nanoTime();
        Process p = pb.start();
        p.getInputStream().readAllBytes();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("gomikrobot version exited " + p.exitValue());
        }
        return (System.nanoTime() - start) / 1e6;
    }
}
