package dev.instructor.benchmarks.binding;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Runs the methods of {@link TypedPartialsBenchmark} measuring thread CPU time instead of wall-clock time (steadier
 * on a shared machine): for each document it runs each method in batches for a time budget and prints the best
 * batch's CPU time per document as a Markdown row. Run it with:
 *
 * <pre>{@code
 * mvn -B -ntp -pl benchmarks -am package -DskipTests
 * java -Xms1g -Xmx1g -cp benchmarks/target/benchmarks.jar \
 *     dev.instructor.benchmarks.binding.TypedPartialsCpuTimeRunner [seconds per method] [documents] [size]
 * }</pre>
 */
public final class TypedPartialsCpuTimeRunner {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final Blackhole BLACKHOLE = new Blackhole(
            "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");

    private TypedPartialsCpuTimeRunner() {}

    /**
     * Runs the documents.
     *
     * @param args optionally the time budget per method in seconds (default 3), the documents (default
     *     {@code ideas,recipes}) and the size (default 102400)
     */
    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        List<String> documents = args.length > 1 ? List.of(args[1].split(",")) : List.of("ideas", "recipes");
        int size = args.length > 2 ? Integer.parseInt(args[2]) : 102400;
        System.out.println(
                "| document | size | typed (µs) | checked (µs) | engine only (µs) | engine + open text copy (µs)"
                        + " | engine + open path, no copy (µs) | engine + open path + string copy (µs) | Jackson (µs)"
                        + " | typed / Jackson | checked / Jackson | engine + open text copy / Jackson |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (String document : documents) {
            TypedPartialsBenchmark benchmark = new TypedPartialsBenchmark();
            benchmark.document = document;
            benchmark.size = size;
            benchmark.setUp();
            long budget = (long) (seconds * 1e9);
            double typed = cpuMicros(budget, size, benchmark::typedPartials);
            double checked = cpuMicros(budget, size, benchmark::typedPartialsChecked);
            double engine = cpuMicros(budget, size, benchmark::engineOnly);
            double text = cpuMicros(budget, size, benchmark::engineAndOpenText);
            double views = cpuMicros(budget, size, benchmark::engineAndOpenPathNoCopy);
            double path = cpuMicros(budget, size, benchmark::engineAndOpenPath);
            double jackson = cpuMicros(budget, size, b -> b.consume(benchmark.jacksonReadValue()));
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %d KB | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.1f× | %.1f× | %.1f× |%n",
                    document,
                    size / 1024,
                    typed,
                    checked,
                    engine,
                    text,
                    views,
                    path,
                    jackson,
                    typed / jackson,
                    checked / jackson,
                    text / jackson);
        }
    }

    private static double cpuMicros(long budgetNanos, int size, Consumer<Blackhole> document) {
        int batch = Math.max(1, 1_000_000 / size);
        long warmUpEnd = System.nanoTime() + budgetNanos;
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
}
