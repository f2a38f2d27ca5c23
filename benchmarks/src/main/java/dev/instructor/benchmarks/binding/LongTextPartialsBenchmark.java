package dev.instructor.benchmarks.binding;

import dev.instructor.ResponseModel;
import java.util.List;
import java.util.Random;
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
 * Streams a record whose one long text field fills the document into typed partials, one after every 1–6 char chunk,
 * next to one Jackson {@code readValue} of the complete text. A {@code String} field is copied for every partial, so
 * its stream costs O(n²) in the text's length; a {@code CharSequence} field holds the engine's view of the text while
 * it is written and must grow linearly (10× from 10 KB to 100 KB, not 100×).
 *
 * <pre>{@code
 * mvn -B -ntp -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar LongTextPartialsBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s
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
public class LongTextPartialsBenchmark {
    /** An essay whose body is copied into every partial. */
    public record Essay(String title, String body) {}

    /** The same essay, its body shared with the engine while it is written. */
    public record SharedEssay(String title, CharSequence body) {}

    /** The body's declared type: {@code String} or {@code CharSequence}. */
    @Param({"String", "CharSequence"})
    public String field;

    @Param({"10240", "102400"})
    public int size;

    private String json;
    private List<String> chunks;
    private ResponseModel<?> model;
    private ObjectMapper mapper;

    /** Builds the document, its chunks and the model. */
    @Setup
    public void setUp() {
        json = essay(size, 42);
        chunks = Documents.chunks(json, 7);
        mapper = JsonMapper.builder().build();
        Class<?> type = field.equals("String") ? Essay.class : SharedEssay.class;
        model = ResponseModel.builder(type).mapper(mapper).build();
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

    /** {@code {"title":..,"body":"<words>"}} of about {@code size} chars. */
    static String essay(int size, long seed) {
        Random random = new Random(seed);
        StringBuilder out = new StringBuilder(size + 64).append("{\"title\":\"An essay\",\"body\":\"");
        while (out.length() < size) {
            out.append(Documents.words(random, 12)).append(random.nextInt(8) == 0 ? "\\n\\n" : " ");
        }
        return out.append("\"}").toString();
    }
}
