package dev.instructor.benchmarks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Runs the methods of {@link PartialJsonBenchmark} measuring thread CPU time instead of wall-clock time: on a
 * machine shared with other jobs, wall-clock averages mostly measure how often the thread was descheduled. For
 * each shape and size it runs each method in batches for a time budget and reports the best batch's CPU time per
 * document, then prints a Markdown table. With {@code fork} last, every method is measured in a fresh JVM. Run it
 * with:
 *
 * <pre>{@code
 * mvn -B -ntp -pl benchmarks -am package -DskipTests
 * java -Xms1g -Xmx1g -cp benchmarks/target/benchmarks.jar dev.instructor.benchmarks.CpuTimeRunner \
 *     [seconds per method] [shapes, comma-separated] [sizes, comma-separated] [fork]
 * }</pre>
 */
public final class CpuTimeRunner {
    /** The measured methods, by the name a forked JVM is given. */
    private static final Map<String, BiConsumer<PartialJsonBenchmark, Blackhole>> METHODS = new LinkedHashMap<>();

    static {
        METHODS.put("ours", PartialJsonBenchmark::partialJsonParser);
        METHODS.put("current", PartialJsonBenchmark::partialJsonParserCurrent);
        METHODS.put("ranges", PartialJsonBenchmark::partialJsonParserRanges);
        METHODS.put("bytes", PartialJsonBenchmark::partialJsonParserBytes);
        METHODS.put("walk", PartialJsonBenchmark::partialJsonParserWalkingOpenPath);
        METHODS.put("walkByType", PartialJsonBenchmark::partialJsonParserWalkingOpenPathByType);
        METHODS.put("readTree", (benchmark, blackhole) -> blackhole.consume(benchmark.jacksonReadTree()));
        METHODS.put("readTreeText", (benchmark, blackhole) -> blackhole.consume(benchmark.jacksonReadTreeText()));
        METHODS.put("nonBlocking", PartialJsonBenchmark::jacksonNonBlocking);
    }

    private CpuTimeRunner() {}

    /**
     * Runs every shape and size.
     *
     * @param args optionally the time budget per method and document, in seconds (default 2), the shapes and the
     *     sizes (default all), and {@code fork} to measure each method in a fresh JVM; or {@code one}, the budget, a
     *     shape, a size and a method name, to measure that method here and print its time alone
     */
    public static void main(String[] args) {
        if (CpuTime.one(args, CpuTimeRunner::measure)) {
            return;
        }
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 2;
        List<String> shapes =
                args.length > 1 ? List.of(args[1].split(",")) : List.of("IDEAS", "RECIPES", "LONG_STRING", "NESTED");
        List<Integer> sizes = args.length > 2
                ? Stream.of(args[2].split(",")).map(Integer::valueOf).toList()
                : List.of(1024, 10240, 102400, 1048576);
        boolean fork = args.length > 3 && args[3].equals("fork");
        System.out.printf("| shape | size | ours (µs) | ours, `current()` (µs) | ours, ranges (µs) |"
                + " ours, UTF-8 (µs) |"
                + " ours + walk (µs) | ours + walk by `type()` (µs) |"
                + " Jackson `readTree` (µs) | Jackson `readTree`, text (µs) |"
                + " Jackson non-blocking, same chunks (µs) | ours / `readTree` |"
                + " ours, `current()` / `readTree` | ours, `current()` / faster `readTree` |"
                + " ours, ranges / `readTree` | ours, UTF-8 / `readTree` | ours + walk / `readTree` |"
                + " ours + walk by `type()` / `readTree` |"
                + " ours, ranges / non-blocking |%n");
        System.out.println(
                "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (String shape : shapes) {
            for (int size : sizes) {
                Map<String, Double> micros = CpuTime.each(
                        CpuTimeRunner.class, METHODS.keySet(), fork, seconds, shape, size, CpuTimeRunner::measure);
                double ours = micros.get("ours");
                double ranges = micros.get("ranges");
                double readTree = micros.get("readTree");
                double readTreeText = micros.get("readTreeText");
                System.out.printf(
                        Locale.ROOT,
                        "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |"
                                + " %.1f× | %.1f× | %.1f× | %.1f× | %.1f× | %.1f× | %.1f× | %.2f× |%n",
                        shape,
                        size < 1 << 20 ? size / 1024 + " KB" : size / (1 << 20) + " MB",
                        format(ours),
                        format(micros.get("current")),
                        format(ranges),
                        format(micros.get("bytes")),
                        format(micros.get("walk")),
                        format(micros.get("walkByType")),
                        format(readTree),
                        format(readTreeText),
                        format(micros.get("nonBlocking")),
                        ours / readTree,
                        micros.get("current") / readTree,
                        micros.get("current") / Math.min(readTree, readTreeText),
                        ranges / readTree,
                        micros.get("bytes") / readTree,
                        micros.get("walk") / readTree,
                        micros.get("walkByType") / readTree,
                        ranges / micros.get("nonBlocking"));
            }
        }
    }

    /** Measures one method on one document: the best batch's CPU time per document, after a third as warm-up. */
    private static double measure(double seconds, String shape, int size, String method) {
        PartialJsonBenchmark benchmark = new PartialJsonBenchmark();
        benchmark.shape = shape;
        benchmark.size = size;
        benchmark.setUp();
        BiConsumer<PartialJsonBenchmark, Blackhole> run = METHODS.get(method);
        if (run == null) {
            throw new IllegalArgumentException("no method " + method + "; one of " + METHODS.keySet());
        }
        long budget = (long) (seconds * 1e9);
        return CpuTime.bestMicros(
                budget / 3, budget, Math.max(1, 1_000_000 / size), blackhole -> run.accept(benchmark, blackhole));
    }

    private static String format(double micros) {
        return String.format(Locale.ROOT, micros >= 100 ? "%,.0f" : "%.1f", micros);
    }
}
