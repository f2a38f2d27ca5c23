package dev.instructor.benchmarks;

import dev.instructor.json.PartialJsonParser;
import dev.instructor.json.PartialValue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders a complete document back to JSON text ({@link PartialValue#toJson()}), next to Jackson writing the same
 * document from its tree. A stream renders its final value once to bind it, the SSE module renders snapshots, and a
 * re-ask in tools mode renders the answer it sends back. Run it with:
 *
 * <pre>{@code
 * mvn -B -ntp -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar RenderBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RenderBenchmark {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    /** The document shape; see {@link LlmDocuments.Shape}. */
    @Param({"IDEAS", "RECIPES", "LONG_STRING", "NESTED"})
    public String shape;

    /** The document size in chars. */
    @Param({"102400"})
    public int size;

    private PartialValue value;
    private JsonNode tree;

    @Setup
    public void setUp() {
        String text = LlmDocuments.generate(LlmDocuments.Shape.valueOf(shape), size, 42);
        PartialJsonParser parser = PartialJsonParser.strict();
        parser.feed(text);
        value = parser.finish();
        tree = MAPPER.readTree(text);
        if (!MAPPER.readTree(value.toJson()).equals(tree)) {
            throw new IllegalStateException("the rendered document differs from the original");
        }
    }

    /** The engine's value rendered as JSON text. */
    @Benchmark
    public String toJson() {
        return value.toJson();
    }

    /** Jackson writing its tree of the same document. */
    @Benchmark
    public String jacksonWriteTree() {
        return MAPPER.writeValueAsString(tree);
    }
}
