package dev.instructor.benchmarks;

import dev.instructor.json.PartialArray;
import dev.instructor.json.PartialJsonParser;
import dev.instructor.json.PartialObject;
import dev.instructor.json.PartialValue;
import java.nio.charset.StandardCharsets;
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
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.async.ByteArrayFeeder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Streams an LLM-shaped document through the partial-JSON engine in seeded random chunks of 1 to 6 chars, taking a
 * snapshot after every chunk, and compares the time per document with two Jackson baselines: one {@code readTree}
 * of the complete document (bytes, Jackson's fastest path), and Jackson's non-blocking tokenizer fed the same
 * chunks as bytes (tokens only: it builds no value and cannot show a string before its closing quote).
 *
 * <p>The engine must scale linearly with the document size, where re-parsing the accumulated text per chunk would
 * be quadratic. Run it with:
 *
 * <pre>{@code
 * mvn -B -ntp -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar PartialJsonBenchmark -rf json -rff target/engine.json
 * }</pre>
 *
 * <p>On a shared, busy machine prefer {@link CpuTimeRunner}, which runs these same methods measuring thread CPU
 * time. Results and their reading are in {@code docs/benchmarks.md}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PartialJsonBenchmark {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    /** The document shape; see {@link LlmDocuments.Shape}. */
    @Param({"IDEAS", "RECIPES", "LONG_STRING", "NESTED"})
    public String shape;

    /** The document size in chars. */
    @Param({"1024", "10240", "102400", "1048576"})
    public int size;

    private byte[] document;
    private ChunkSplitter chunks;

    @Setup
    public void setUp() {
        String text = LlmDocuments.generate(LlmDocuments.Shape.valueOf(shape), size, 42);
        document = text.getBytes(StandardCharsets.UTF_8);
        chunks = new ChunkSplitter(text, 7);
        MAPPER.readTree(document); // fail fast on a generator bug
    }

    /** The engine: every chunk fed as chars, then a snapshot. */
    @Benchmark
    public PartialValue partialJsonParser(Blackhole blackhole) {
        PartialJsonParser parser = PartialJsonParser.strict();
        for (String chunk : chunks.chars) {
            parser.feed(chunk);
            blackhole.consume(parser.snapshot());
        }
        return parser.finish();
    }

    /** The engine as {@link #partialJsonParser}, taking each snapshot with {@code current()}, without an Optional. */
    @Benchmark
    public PartialValue partialJsonParserCurrent(Blackhole blackhole) {
        PartialJsonParser parser = PartialJsonParser.strict();
        for (String chunk : chunks.chars) {
            parser.feed(chunk);
            blackhole.consume(parser.current());
        }
        return parser.finish();
    }

    /**
     * The engine fed the same chunks as ranges of the document ({@code feed(text, offset, length)}), the way the
     * Jackson non-blocking baseline is fed ranges of one byte array: without the 29,000 separate chunk strings, which
     * at 100 KB and beyond do not stay in the cache.
     */
    @Benchmark
    public PartialValue partialJsonParserRanges(Blackhole blackhole) {
        PartialJsonParser parser = PartialJsonParser.strict();
        String text = chunks.text;
        int[] offsets = chunks.charOffsets;
        for (int i = 0; i < offsets.length - 1; i++) {
            parser.feed(text, offsets[i], offsets[i + 1] - offsets[i]);
            blackhole.consume(parser.snapshot());
        }
        return parser.finish();
    }

    /**
     * The engine fed the same chunks as UTF-8 ranges of one byte array ({@code feed(utf8, offset, length)}), exactly as
     * the Jackson non-blocking baseline is fed.
     */
    @Benchmark
    public PartialValue partialJsonParserBytes(Blackhole blackhole) {
        PartialJsonParser parser = PartialJsonParser.strict();
        byte[] bytes = chunks.bytes;
        int[] offsets = chunks.byteOffsets;
        for (int i = 0; i < offsets.length - 1; i++) {
            parser.feed(bytes, offsets[i], offsets[i + 1] - offsets[i]);
            blackhole.consume(parser.snapshot());
        }
        return parser.finish();
    }

    /**
     * The engine as a typed consumer uses it: after every snapshot, walk from the root down the open path to the
     * value being written. Snapshots make the nodes of that path on first access, so this shows their cost.
     */
    @Benchmark
    public PartialValue partialJsonParserWalkingOpenPath(Blackhole blackhole) {
        PartialJsonParser parser = PartialJsonParser.strict();
        for (String chunk : chunks.chars) {
            parser.feed(chunk);
            parser.snapshot().ifPresent(value -> blackhole.consume(walkOpenPath(value)));
        }
        return parser.finish();
    }

    /**
     * The same walk as {@link #partialJsonParserWalkingOpenPath}, dispatching on {@link PartialValue#type()} rather
     * than on {@code instanceof}. On JDK 17 an {@code instanceof} against an interface that fails (an array or a
     * string tested for {@code PartialObject}) scans the class's secondary supertypes every time (JDK 23 hashes
     * them), which costs more than the rest of the walk; this variant shows the walk without that cost.
     */
    @Benchmark
    public PartialValue partialJsonParserWalkingOpenPathByType(Blackhole blackhole) {
        PartialJsonParser parser = PartialJsonParser.strict();
        for (String chunk : chunks.chars) {
            parser.feed(chunk);
            parser.snapshot().ifPresent(value -> blackhole.consume(walkOpenPathByType(value)));
        }
        return parser.finish();
    }

    /** Jackson: one full parse into a tree of the complete document as UTF-8 bytes, as it comes off the network. */
    @Benchmark
    public JsonNode jacksonReadTree() {
        return MAPPER.readTree(document);
    }

    /**
     * Jackson: one full parse into a tree of the complete document as text, the form the engine's chunks take (a
     * caller that did not stream would hold the model's answer as a {@code String}, taken out of the provider's JSON).
     */
    @Benchmark
    public JsonNode jacksonReadTreeText() {
        return MAPPER.readTree(chunks.text);
    }

    /** Jackson's non-blocking tokenizer fed the same chunks as bytes, draining the tokens after each. */
    @Benchmark
    public void jacksonNonBlocking(Blackhole blackhole) {
        try (JsonParser parser = MAPPER.createNonBlockingByteArrayParser()) {
            ByteArrayFeeder feeder = (ByteArrayFeeder) parser.nonBlockingInputFeeder();
            int[] offsets = chunks.byteOffsets;
            for (int i = 0; i < offsets.length - 1; i++) {
                feeder.feedInput(chunks.bytes, offsets[i], offsets[i + 1]);
                drain(parser, blackhole);
            }
            feeder.endOfInput();
            drain(parser, blackhole);
        }
    }

    private static PartialValue walkOpenPath(PartialValue value) {
        PartialValue node = value;
        while (!node.isComplete()) {
            if (node instanceof PartialObject object && object.size() > 0) {
                node = object.valueAt(object.size() - 1);
            } else if (node instanceof PartialArray array && array.size() > 0) {
                node = array.get(array.size() - 1);
            } else {
                break;
            }
        }
        return node;
    }

    private static PartialValue walkOpenPathByType(PartialValue value) {
        PartialValue node = value;
        while (!node.isComplete()) {
            switch (node.type()) {
                case OBJECT -> {
                    PartialObject object = (PartialObject) node;
                    if (object.size() == 0) {
                        return node;
                    }
                    node = object.valueAt(object.size() - 1);
                }
                case ARRAY -> {
                    PartialArray array = (PartialArray) node;
                    if (array.size() == 0) {
                        return node;
                    }
                    node = array.get(array.size() - 1);
                }
                default -> {
                    return node;
                }
            }
        }
        return node;
    }

    private static void drain(JsonParser parser, Blackhole blackhole) {
        JsonToken token;
        while ((token = parser.nextToken()) != null && token != JsonToken.NOT_AVAILABLE) {
            blackhole.consume(token);
        }
    }
}
