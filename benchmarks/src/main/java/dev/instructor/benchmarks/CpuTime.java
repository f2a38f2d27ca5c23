package dev.instructor.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Measures the CPU time of the calling thread, for the runners: on a machine shared with other jobs, wall-clock time
 * mostly measures how often the thread was descheduled. A measurement runs in this JVM, or in a fresh one per method
 * (as JMH forks), so that no method's compiled code or profile depends on the methods measured before it.
 */
public final class CpuTime {
    /** The blackhole the runners pass to the benchmark methods. */
    public static final Blackhole BLACKHOLE = new Blackhole(
            "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final CompilationMXBean JIT = ManagementFactory.getCompilationMXBean();

    /** The warm-up goes on until the JIT has compiled nothing for this long (wall clock). */
    private static final long JIT_QUIET_NANOS = 1_000_000_000L;
    /** ... but no longer than this many times the warm-up asked for. */
    private static final int MAX_WARM_UP_FACTOR = 10;

    private CpuTime() {}

    /** How a runner measures one of its methods on one document, in the JVM it runs in. */
    @FunctionalInterface
    public interface Measurement {
        /** Returns the method's CPU time per document, in microseconds. */
        double micros(double seconds, String document, int size, String method);
    }

    /**
     * Measures each of {@code methods} on one document: here, or with {@code fork} each in a fresh JVM that runs
     * {@code runner} with the arguments {@link #one} expects.
     */
    public static Map<String, Double> each(
            Class<?> runner,
            Iterable<String> methods,
            boolean fork,
            double seconds,
            String document,
            int size,
            Measurement here) {
        Map<String, Double> micros = new LinkedHashMap<>();
        for (String method : methods) {
            micros.put(
                    method,
                    fork
                            ? inFreshJvm(
                                    runner, "one", Double.toString(seconds), document, Integer.toString(size), method)
                            : here.micros(seconds, document, size, method));
        }
        return micros;
    }

    /**
     * Makes the one measurement that {@code args} ask for ({@code one}, the budget in seconds, the document, the size,
     * the method), prints its time alone and returns true; returns false when they ask for something else.
     */
    public static boolean one(String[] args, Measurement here) {
        if (args.length != 5 || !args[0].equals("one")) {
            return false;
        }
        System.out.println(here.micros(Double.parseDouble(args[1]), args[2], Integer.parseInt(args[3]), args[4]));
        return true;
    }

    /**
     * Runs {@code document} for {@code warmUpNanos} and then until the JIT has been quiet for a second (see
     * {@link #warmUp}), then in batches for {@code budgetNanos} (at least one batch), and returns the best batch's CPU
     * time per run, in microseconds.
     *
     * @param batch runs per batch, so that a batch is long enough for the CPU clock's resolution
     */
    public static double bestMicros(long warmUpNanos, long budgetNanos, int batch, Consumer<Blackhole> document) {
        warmUp(warmUpNanos, document);
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

    /**
     * Runs {@code document} for {@code warmUpNanos} of wall clock, then on until the JIT has compiled nothing for
     * {@link #JIT_QUIET_NANOS}, for at most {@link #MAX_WARM_UP_FACTOR} times {@code warmUpNanos} in all. Why: on a
     * busy machine the compiler threads get little CPU, and the optimized code of the benchmark's own loop could land
     * after the measurement (seen at 5.6 s of a 2 s warm-up and 2 s budget), which then timed profiling code at 3 to 4
     * times the optimized code's time: the "bimodal forks" of docs/benchmarks.md. Prints to standard error how long
     * the warm-up took when it went past {@code warmUpNanos}, and a warning when the JIT never went quiet.
     */
    private static void warmUp(long warmUpNanos, Consumer<Blackhole> document) {
        long start = System.nanoTime();
        long deadline = start + MAX_WARM_UP_FACTOR * warmUpNanos;
        long end = start + warmUpNanos;
        long compiled = JIT.getTotalCompilationTime();
        long lastCompile = start;
        long now;
        while ((now = System.nanoTime()) < end || (now - lastCompile < JIT_QUIET_NANOS && now < deadline)) {
            document.accept(BLACKHOLE);
            long total = JIT.getTotalCompilationTime();
            if (total != compiled) {
                compiled = total;
                lastCompile = System.nanoTime();
            }
        }
        if (now - start > warmUpNanos + JIT_QUIET_NANOS) {
            System.err.printf(
                    "warm-up took %.1f s%s%n",
                    (now - start) / 1e9,
                    now >= deadline ? "; the JIT was still compiling: the figure may be slow" : "");
        }
    }

    /**
     * Runs {@code main} with {@code arguments} in a fresh JVM (this one's java, class path and JVM options) and returns
     * the number it prints on the last line of its standard output.
     */
    public static double inFreshJvm(Class<?> main, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = process.waitFor();
            String[] lines = output.strip().split("\n");
            if (exit != 0 || lines.length == 0) {
                throw new IllegalStateException("the measuring JVM failed (exit " + exit + "): " + command);
            }
            return Double.parseDouble(lines[lines.length - 1].strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring", e);
        }
    }
}
