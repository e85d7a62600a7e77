package gomikrobot.bench;

import java.util.List;

/**
 * {@code make bench}: runs every benchmark and prints its figures, one {@code name: value unit} line each, with
 * the target beside the figures that have one. Benchmarks measure; they never assert (targets are checked by
 * reading these figures, not by tests). Run one with {@code make bench BENCH=startup}.
 */
public final class Benchmarks {
    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        List<Benchmark> all = List.of(new StartupBench(), new AgentBench(), new PipelineBench(), new MemoryBench(),
                new GatewayBench(), new LoadBench(), new GroupBench());
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

        /** A figure and, in the same line, the target it is read against (none when {@code target} is empty). */
        void figure(String name, double value, String unit, String target) {
            if (target.isEmpty()) {
                figure(name, value, unit);
            } else {
                System.out.printf("%s: %s %s    [target: %s]%n", name, format(value), unit, target);
            }
        }

        static String format(double v) {
            return v == Math.rint(v) && Math.abs(v) < 1e12 ? Long.toString((long) v) : String.format("%.2f", v);
        }
    }
}
