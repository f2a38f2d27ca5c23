package dev.instructor.benchmarks.binding;

import dev.instructor.ChatRequest;
import dev.instructor.Instructor;
import dev.instructor.PartialStream;
import dev.instructor.ResponseModel;
import dev.instructor.schema.SchemaDialect;
import dev.instructor.spi.LlmProvider;
import dev.instructor.spi.Mode;
import dev.instructor.spi.ProviderCall;
import dev.instructor.spi.ProviderEvent;
import dev.instructor.spi.ProviderListener;
import dev.instructor.spi.ProviderRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole blocking client as a caller uses it: {@code client.responses().stream(request, type)} over an in-memory
 * provider that replays the document in seeded 1–6 char deltas, iterating every partial, then the validated final
 * value. Besides parsing and binding, this counts what the stream does per chunk (the streaming checks, the
 * comparison of each partial with the one before, handing out completed elements, the handoff between the provider's
 * thread and the caller's), so it must scale linearly too: 10× the document, about 10× the time.
 *
 * <pre>{@code
 * mvn -B -ntp -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar PartialStreamBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PartialStreamBenchmark {
    @Param({"ideas", "recipes"})
    public String document;

    @Param({"10240", "102400", "1048576"})
    public int size;

    /** The client's {@code partialInterval} in milliseconds: 0 shows every partial. */
    @Param({"0", "50"})
    public int intervalMillis;

    private String json;
    private List<ProviderEvent> events;
    private Instructor client;
    private ResponseModel<? extends List<?>> model;
    private ObjectMapper mapper;
    private JavaType wrappedType;
    private ExecutorService player;

    /** Builds the document, its deltas, the client and the model. */
    @Setup
    public void setUp() {
        boolean ideas = document.equals("ideas");
        json = ideas ? Documents.ideas(size, 42) : Documents.recipes(size, 42);
        events = new ArrayList<>();
        for (String chunk : Documents.chunks(json, 7)) {
            events.add(new ProviderEvent.TextDelta(chunk));
        }
        events.add(new ProviderEvent.Usage(10, json.length() / 4, 10 + json.length() / 4));
        events.add(new ProviderEvent.Finish("stop"));
        player = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "replay-provider");
            thread.setDaemon(true);
            return thread;
        });
        client = Instructor.builder()
                .provider(new ReplayProvider(events, player))
                .partialInterval(Duration.ofMillis(intervalMillis))
                .build();
        mapper = JsonMapper.builder().build();
        model = TypedPartialsBenchmark.listModel(ideas, mapper);
        wrappedType = TypedPartialsBenchmark.wrappedType(ideas, mapper);
    }

    /** Stops the provider's thread. */
    @TearDown
    public void tearDown() {
        player.shutdownNow();
    }

    /** Streams the answer, consuming every partial and the final value. */
    @Benchmark
    public Object partialStream(Blackhole blackhole) {
        ChatRequest request = ChatRequest.builder()
                .model("replay")
                .user("Stream the document")
                .build();
        try (PartialStream<? extends List<?>> stream = client.responses().stream(request, model)) {
            for (List<?> partial : stream) {
                blackhole.consume(partial);
            }
            return stream.getFinalResponse();
        }
    }

    /** The baseline: one Jackson read of the complete text into the same records. */
    @Benchmark
    public Object jacksonReadValue() {
        return mapper.readValue(json, wrappedType);
    }

    /** Plays the same events for every request, on one thread, as fast as the stream takes them. */
    private record ReplayProvider(List<ProviderEvent> events, ExecutorService player) implements LlmProvider {
        @Override
        public String name() {
            return "replay";
        }

        @Override
        public Set<Mode> modes() {
            return EnumSet.of(Mode.JSON_SCHEMA);
        }

        @Override
        public Mode defaultMode() {
            return Mode.JSON_SCHEMA;
        }

        @Override
        public SchemaDialect dialect(Mode mode) {
            return SchemaDialect.PLAIN;
        }

        @Override
        public ProviderCall open(ProviderRequest request, ProviderListener listener) {
            AtomicBoolean cancelled = new AtomicBoolean();
            player.execute(() -> {
                for (ProviderEvent event : events) {
                    if (cancelled.get()) {
                        return;
                    }
                    listener.onEvent(event);
                }
                listener.onComplete();
            });
            return new ProviderCall() {
                @Override
                public void cancel() {
                    cancelled.set(true);
                }

                @Override
                public boolean isDone() {
                    return cancelled.get();
                }
            };
        }
    }
}
