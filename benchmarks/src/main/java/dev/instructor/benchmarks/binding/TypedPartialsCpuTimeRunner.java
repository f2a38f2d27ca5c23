package dev.instructor.benchmarks.binding;

import dev.instructor.benchmarks.CpuTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Runs the methods of {@link TypedPartialsBenchmark} measuring thread CPU time instead of wall-clock time (steadier
 * on a shared machine): for each document it runs each method in batches for a time budget and prints the best
 * batch's CPU time per document as a Markdown row. With {@code fork} last, every method is measured in a fresh JVM.
 * Run it with:
 *
 * <pre>{@code
 * mvn -B -ntp -pl benchmarks -am package -DskipTests
 * java -Xms1g -Xmx1g -cp benchmarks/target/benchmarks.jar \
 *     dev.instructor.benchmarks.binding.TypedPartialsCpuTimeRunner [seconds per method] [documents] [size] [fork]
 * }</pre>
 */
public final class TypedPartialsCpuTimeRunner {
    /** The measured methods, by the name a forked JVM is given. */
    private static final Map<String, BiConsumer<TypedPartialsBenchmark, Blackhole>> METHODS = new LinkedHashMap<>();

    static {
        METHODS.put("typed", TypedPartialsBenchmark::typedPartials);
        METHODS.put("shared", TypedPartialsBenchmark::typedPartialsSharedText);
        METHODS.put("checked", TypedPartialsBenchmark::typedPartialsChecked);
        METHODS.put("engine", TypedPartialsBenchmark::engineOnly);
        METHODS.put("text", TypedPartialsBenchmark::engineAndOpenText);
        METHODS.put("views", TypedPartialsBenchmark::engineAndOpenPathNoCopy);
        METHODS.put("path", TypedPartialsBenchmark::engineAndOpenPath);
        METHODS.put("jackson", (benchmark, blackhole) -> blackhole.consume(benchmark.jacksonReadValue()));
        METHODS.put("jacksonBytes", (benchmark, blackhole) -> blackhole.consume(benchmark.jacksonReadValueBytes()));
    }

    private TypedPartialsCpuTimeRunner() {}

    /**
     * Runs the documents.
     *
     * @param args optionally the time budget per method in seconds (default 3), the documents (default
     *     {@code ideas,recipes}), the size (default 102400) and {@code fork} to measure each method in a fresh JVM;
     *     or {@code one}, the budget, a document, a size and a method name, to measure that method here and print
     *     its time alone
     */
    public static void main(String[] args) {
        if (CpuTime.one(args, TypedPartialsCpuTimeRunner::measure)) {
            return;
        }
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        List<String> documents = args.length > 1 ? List.of(args[1].split(",")) : List.of("ideas", "recipes");
        int size = args.length > 2 ? Integer.parseInt(args[2]) : 102400;
        boolean fork = args.length > 3 && args[3].equals("fork");
        System.out.println(
                "| document | size | typed (µs) | typed, `CharSequence` text (µs) | checked (µs) | engine only (µs)"
                        + " | engine + open text copy (µs) | engine + open path, no copy (µs) | engine + open path + string copy (µs) | Jackson (µs)"
                        + " | Jackson, UTF-8 (µs) | typed / Jackson | checked / Jackson"
                        + " | engine + open text copy / Jackson | typed / faster Jackson |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (String document : documents) {
            Map<String, Double> micros = CpuTime.each(
                    TypedPartialsCpuTimeRunner.class,
                    METHODS.keySet(),
                    fork,
                    seconds,
                    document,
                    size,
                    TypedPartialsCpuTimeRunner::measure);
            double jackson = micros.get("jackson");
            double jacksonBytes = micros.get("jacksonBytes");
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %d KB | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.1f× | %.1f× | %.1f× | %.1f× |%n",
                    document,
                    size / 1024,
                    micros.get("typed"),
                    micros.get("shared"),
                    micros.get("checked"),
                    micros.get("engine"),
                    micros.get("text"),
                    micros.get("views"),
                    micros.get("path"),
                    jackson,
                    jacksonBytes,
                    micros.get("typed") / jackson,
                    micros.get("checked") / jackson,
                    micros.get("text") / jackson,
                    micros.get("typed") / Math.min(jackson, jacksonBytes));
        }
    }

    /** Measures one method on one document: the best batch's CPU time per document, after as long a warm-up. */
    private static double measure(double seconds, String document, int size, String method) {
        TypedPartialsBenchmark benchmark = new TypedPartialsBenchmark();
        benchmark.document = document;
        benchmark.size = size;
        benchmark.setUp();
        BiConsumer<TypedPartialsBenchmark, Blackhole> run = METHODS.get(method);
        if (run == null) {
            throw new IllegalArgumentException("no method " + method + "; one of " + METHODS.keySet());
        }
        long budget = (long) (seconds * 1e9);
        return CpuTime.bestMicros(
                budget, budget, Math.max(1, 1_000_000 / size), blackhole -> run.accept(benchmark, blackhole));
    }
}
