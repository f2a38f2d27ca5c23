package dev.instructor.benchmarks.binding;

import dev.instructor.ResponseModel;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
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
import org.openjdk.jmh.infra.Blackhole;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Streams a record holding one large {@code Map<String, Idea>} or {@code Set<String>} into typed partials, one after
 * every 1–6 char chunk, next to one Jackson {@code readValue} of the complete text. A partial of a map or set must cost
 * the same however many entries came before it, so the time must grow 10× from 10 KB to 100 KB, not 100×.
 *
 * <pre>{@code
 * mvn -B -ntp -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar CollectionPartialsBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class CollectionPartialsBenchmark {
    /** One idea, as in the streaming chapter. */
    public record Idea(String title, String blurb) {}

    /** Ideas by name. */
    public record Catalog(Map<String, Idea> byName) {}

    /** Distinct tags. */
    public record Tagged(Set<String> tags) {}

    @Param({"map", "set"})
    public String document;

    @Param({"10240", "102400"})
    public int size;

    private String json;
    private List<String> chunks;
    private ResponseModel<?> model;
    private ObjectMapper mapper;

    /** Builds the document, its chunks and the model. */
    @Setup
    public void setUp() {
        boolean map = document.equals("map");
        json = map ? catalog(size, 42) : tags(size, 42);
        chunks = Documents.chunks(json, 7);
        mapper = JsonMapper.builder().build();
        model = map
                ? ResponseModel.builder(Catalog.class).mapper(mapper).build()
                : ResponseModel.builder(Tagged.class).mapper(mapper).build();
    }

    /** The typed pipeline: parse each chunk, snapshot, bind a partial of the record. */
    @Benchmark
    public void typedPartials(Blackhole blackhole) {
        Streaming.typedPartials(chunks, model, blackhole);
    }

    /** The baseline: one Jackson read of the complete text into the same record. */
    @Benchmark
    public Object jacksonReadValue() {
        return mapper.readValue(json, (Class<?>) model.type());
    }

    /** {@code {"byName":{"<name>":{"title":..,"blurb":..},...}}} of about {@code size} chars. */
    static String catalog(int size, long seed) {
        Random random = new Random(seed);
        StringBuilder out = new StringBuilder(size + 256).append("{\"byName\":{");
        for (int i = 0; out.length() < size; i++) {
            out.append(i == 0 ? "" : ",").append("\"idea ").append(i).append("\":");
            out.append("{\"title\":\"").append(Documents.words(random, 2 + random.nextInt(3)));
            out.append("\",\"blurb\":\"")
                    .append(Documents.words(random, 8 + random.nextInt(10)))
                    .append("\"}");
        }
        return out.append("}}").toString();
    }

    /** {@code {"tags":["<words> <n>",...]}} of about {@code size} chars. */
    static String tags(int size, long seed) {
        Random random = new Random(seed);
        StringBuilder out = new StringBuilder(size + 256).append("{\"tags\":[");
        for (int i = 0; out.length() < size; i++) {
            out.append(i == 0 ? "\"" : ",\"")
                    .append(Documents.words(random, 2))
                    .append(' ')
                    .append(i);
            out.append('"');
        }
        return out.append("]}").toString();
    }
}
