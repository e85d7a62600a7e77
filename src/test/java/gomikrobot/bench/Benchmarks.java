package gomikrobot.bench;

import java.util.List;

/**
 * {@code make bench}: runs every benchmark and prints its figures, one {@code name: value unit} line each.
 * Benchmarks measure; they never assert (targets are checked by reading these figures, not by tests).
 * Run one with {@code make bench BENCH=startup}.
 */
public final class Benchmarks {
    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        List<Benchmark> all = List.of(new StartupBench(), new PipelineBench(), new MemoryBench(), new GatewayBench());
        String only = args.length > 0 ? args[0] : System.getenv().getOrDefault("BENCH", "");
        for (Benchmark b : all) {
            if (only.isBlank() || only.equals(b.name())) {
                System.out.println("# " + b.name());
                b.run(new Report());
            }
        }
    }

    /** One benchmark. */
    interface Benchmark {
        String name();

        void run(Report report) throws Exception;
    }

    /** Prints figures in one format. */
    static final class Report {
        void figure(String name, double value, String unit) {
            System.out.printf("%s: %s %s%n", name, format(value), unit);
        }

        private static String format(double v) {
            return v == Math.rint(v) && Math.abs(v) < 1e12 ? Long.toString((long) v) : String.format("%.2f", v);
        }
    }
}
