package dev.instructor.benchmarks.binding;

import dev.instructor.benchmarks.CpuTime;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Runs {@link PartialStreamBenchmark} measuring the calling thread's CPU time, which is where a blocking stream parses,
 * binds and checks (the in-memory provider's thread only hands over the deltas). For each document and size it runs
 * whole streams for a time budget after a warm-up and reports the best one, next to the best Jackson
 * {@code readValue} of the complete text, as a Markdown table. Run it with:
 *
 * <pre>{@code
 * mvn -B -ntp -pl benchmarks -am package -DskipTests
 * java -Xms2g -Xmx2g -cp benchmarks/target/benchmarks.jar \
 *     dev.instructor.benchmarks.binding.PartialStreamCpuTimeRunner [seconds] [documents] [sizes]
 * }</pre>
 */
public final class PartialStreamCpuTimeRunner {
    private PartialStreamCpuTimeRunner() {}

    /**
     * Runs every document and size.
     *
     * @param args optionally the time budget per measurement in seconds (default 8), the documents (default
     *     {@code ideas,recipes}) and the sizes (default {@code 102400,1048576})
     */
    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 8;
        List<String> documents = args.length > 1 ? List.of(args[1].split(",")) : List.of("ideas", "recipes");
        List<Integer> sizes = args.length > 2
                ? Stream.of(args[2].split(",")).map(Integer::valueOf).toList()
                : List.of(102400, 1048576);
        System.out.println("| document | size | stream, CPU (µs) | stream, 50 ms `partialInterval`, CPU (µs)"
                + " | Jackson `readValue` (µs) | stream / Jackson | throttled stream / Jackson |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        long budget = (long) (seconds * 1e9);
        for (String document : documents) {
            for (int size : sizes) {
                double stream = streamMicros(budget, document, size, 0);
                double throttled = streamMicros(budget, document, size, 50);
                PartialStreamBenchmark benchmark = setUp(document, size, 0);
                double jackson;
                try {
                    jackson =
                            CpuTime.bestMicros(budget / 6, budget / 2, 1, b -> b.consume(benchmark.jacksonReadValue()));
                } finally {
                    benchmark.tearDown();
                }
                System.out.printf(
                        Locale.ROOT,
                        "| %s | %d KB | %,.0f | %,.0f | %,.0f | %.1f× | %.1f× |%n",
                        document,
                        size / 1024,
                        stream,
                        throttled,
                        jackson,
                        stream / jackson,
                        throttled / jackson);
            }
        }
    }

    private static double streamMicros(long budget, String document, int size, int intervalMillis) {
        PartialStreamBenchmark benchmark = setUp(document, size, intervalMillis);
        try {
            return CpuTime.bestMicros(budget / 3, budget, 1, b -> b.consume(benchmark.partialStream(b)));
        } finally {
            benchmark.tearDown();
        }
    }

    private static PartialStreamBenchmark setUp(String document, int size, int intervalMillis) {
        PartialStreamBenchmark benchmark = new PartialStreamBenchmark();
        benchmark.document = document;
        benchmark.size = size;
        benchmark.intervalMillis = intervalMillis;
        benchmark.setUp();
        return benchmark;
    }
}
