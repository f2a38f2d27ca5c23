package dev.instructor.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Runs the methods of {@link PartialJsonBenchmark} measuring thread CPU time instead of wall-clock time: on a
 * machine shared with other jobs, wall-clock averages mostly measure how often the thread was descheduled. For
 * each shape and size it runs each method in batches for a time budget and reports the best batch's CPU time per
 * document, then prints a Markdown table. Run it with:
 *
 * <pre>{@code
 * mvn -B -ntp -pl benchmarks -am package -DskipTests
 * java -Xms1g -Xmx1g -cp benchmarks/target/benchmarks.jar dev.instructor.benchmarks.CpuTimeRunner \
 *     [seconds per method] [shapes, comma-separated] [sizes, comma-separated]
 * }</pre>
 */
public final class CpuTimeRunner {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final Blackhole BLACKHOLE = new Blackhole(
            "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");

    private CpuTimeRunner() {}

    /**
     * Runs every shape and size.
     *
     * @param args optionally the time budget per method and document, in seconds (default 2), the shapes and the
     *     sizes (default all)
     */
    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 2;
        System.out.printf(
                "| shape | size | ours (µs) | ours, ranges (µs) | ours + walk (µs) | ours + walk by `type()` (µs) |"
                        + " Jackson `readTree` (µs) | Jackson non-blocking, same chunks (µs) | ours / `readTree` |"
                        + " ours, ranges / `readTree` | ours + walk / `readTree` | ours + walk by `type()` / `readTree` |"
                        + " ours, ranges / non-blocking |%n");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        List<String> shapes =
                args.length > 1 ? List.of(args[1].split(",")) : List.of("IDEAS", "RECIPES", "LONG_STRING", "NESTED");
        List<Integer> sizes = args.length > 2
                ? Stream.of(args[2].split(",")).map(Integer::valueOf).toList()
                : List.of(1024, 10240, 102400, 1048576);
        for (String shape : shapes) {
            for (int size : sizes) {
                PartialJsonBenchmark benchmark = new PartialJsonBenchmark();
                benchmark.shape = shape;
                benchmark.size = size;
                benchmark.setUp();
                long budget = (long) (seconds * 1e9);
                double ours = cpuMicros(budget, size, b -> benchmark.partialJsonParser(b));
                double ranges = cpuMicros(budget, size, b -> benchmark.partialJsonParserRanges(b));
                double walk = cpuMicros(budget, size, b -> benchmark.partialJsonParserWalkingOpenPath(b));
                double walkByType = cpuMicros(budget, size, b -> benchmark.partialJsonParserWalkingOpenPathByType(b));
                double readTree = cpuMicros(budget, size, b -> b.consume(benchmark.jacksonReadTree()));
                double nonBlocking = cpuMicros(budget, size, benchmark::jacksonNonBlocking);
                System.out.printf(
                        Locale.ROOT,
                        "| %s | %s | %s | %s | %s | %s | %s | %s | %.1f× | %.1f× | %.1f× | %.1f× | %.2f× |%n",
                        shape,
                        size < 1 << 20 ? size / 1024 + " KB" : size / (1 << 20) + " MB",
                        format(ours),
                        format(ranges),
                        format(walk),
                        format(walkByType),
                        format(readTree),
                        format(nonBlocking),
                        ours / readTree,
                        ranges / readTree,
                        walk / readTree,
                        walkByType / readTree,
                        ranges / nonBlocking);
            }
        }
    }

    /** Returns the best batch's CPU time per document, in microseconds, after a warm-up of a third of the budget. */
    private static double cpuMicros(long budgetNanos, int size, Consumer<Blackhole> document) {
        int batch = Math.max(1, 1_000_000 / size);
        long warmUpEnd = System.nanoTime() + budgetNanos / 3;
        while (System.nanoTime() < warmUpEnd) {
            document.accept(BLACKHOLE);
        }
        long best = Long.MAX_VALUE;
        long end = System.nanoTime() + budgetNanos;
        while (System.nanoTime() < end || best == Long.MAX_VALUE) {
            long start = THREADS.getCurrentThreadCpuTime();
            for (int i = 0; i < batch; i++) {
                document.accept(BLACKHOLE);
            }
            best = Math.min(best, THREADS.getCurrentThreadCpuTime() - start);
        }
        return best / 1e3 / batch;
    }

    private static String format(double micros) {
        return String.format(Locale.ROOT, micros >= 100 ? "%,.0f" : "%.1f", micros);
    }
}
