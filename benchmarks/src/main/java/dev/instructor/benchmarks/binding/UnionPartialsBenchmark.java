package dev.instructor.benchmarks.binding;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
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
 * Streams a page of sealed-interface blocks (a union whose type id is a property, Jackson's default) into typed
 * partials, one after every 1–6 char chunk, next to one Jackson {@code readValue} of the complete text.
 *
 * <pre>{@code
 * mvn -B -ntp -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar UnionPartialsBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class UnionPartialsBenchmark {
    /** A block of a page: text or an image. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({@JsonSubTypes.Type(Text.class), @JsonSubTypes.Type(Image.class)})
    public sealed interface Block permits Text, Image {}

    /** A paragraph. */
    @JsonTypeName("text")
    public record Text(String body) implements Block {}

    /** An image with its caption. */
    @JsonTypeName("image")
    public record Image(String url, String caption, int width) implements Block {}

    /** A page of blocks. */
    public record Page(String title, List<Block> blocks) {}

    @Param({"102400"})
    public int size;

    private String json;
    private List<String> chunks;
    private ResponseModel<Page> model;
    private ObjectMapper mapper;

    /** Builds the document, its chunks and the model. */
    @Setup
    public void setUp() {
        json = page(size, 42);
        chunks = Documents.chunks(json, 7);
        mapper = JsonMapper.builder().build();
        model = ResponseModel.builder(Page.class).mapper(mapper).build();
    }

    /** The typed pipeline: parse each chunk, snapshot, bind a partial of the page. */
    @Benchmark
    public void typedPartials(Blackhole blackhole) {
        Streaming.typedPartials(chunks, model, blackhole);
    }

    /** The baseline: one Jackson read of the complete text into the same records. */
    @Benchmark
    public Object jacksonReadValue() {
        return mapper.readValue(json, Page.class);
    }

    /**
     * {@code {"title":..,"blocks":[{"type":"text","body":..},{"type":"image",...},...]}} of about {@code size} chars.
     */
    static String page(int size, long seed) {
        Random random = new Random(seed);
        StringBuilder out = new StringBuilder(size + 256).append("{\"title\":\"A page\",\"blocks\":[");
        for (int i = 0; out.length() < size; i++) {
            out.append(i == 0 ? "" : ",");
            if (random.nextInt(4) == 0) {
                out.append("{\"type\":\"image\",\"url\":\"https://example.com/")
                        .append(i)
                        .append(".png\",\"caption\":\"");
                out.append(Documents.words(random, 4 + random.nextInt(6))).append("\",\"width\":640}");
            } else {
                out.append("{\"type\":\"text\",\"body\":\"").append(Documents.words(random, 20 + random.nextInt(30)));
                out.append("\"}");
            }
        }
        return out.append("]}").toString();
    }
}
