package dev.instructor.sse;

import dev.instructor.PartialUpdate;
import dev.instructor.json.JsonPointer;
import dev.instructor.json.PartialJsonParser;
import dev.instructor.json.PartialValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a fake stream does, step by step: partial updates built by the real engine from JSON text chunks, re-asks,
 * pauses, gates a test opens, silence until cancelled, and the end (a final update or a failure).
 */
public final class Script {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    /** One step; exactly one of the fields is set. */
    record Step(
            PartialUpdate<Object> update,
            Duration pause,
            CountDownLatch gate,
            RuntimeException failure,
            boolean silentForever,
            CountDownLatch reached) {
        Step(
                PartialUpdate<Object> update,
                Duration pause,
                CountDownLatch gate,
                RuntimeException failure,
                boolean silentForever) {
            this(update, pause, gate, failure, silentForever, null);
        }
    }

    private final List<Step> steps = new ArrayList<>();
    private PartialJsonParser parser = PartialJsonParser.strict();
    private PartialValue last;
    private int attempt = 1;

    /** Adds one update per chunk that changes the visible value. */
    public Script partials(String... chunks) {
        for (String chunk : chunks) {
            parser.feed(chunk);
            PartialValue value = parser.snapshot().orElse(null);
            if (value != null && value != last) {
                last = value;
                steps.add(new Step(new Update(value.toJson(), value, attempt, false, null), null, null, null, false));
            }
        }
        return this;
    }

    /** Adds one update of the current attempt whose JSON is {@code value}, as the engine built it. */
    Script partial(PartialValue value) {
        steps.add(new Step(new Update(value.toJson(), value, attempt, false, null), null, null, null, false));
        return this;
    }

    /** Starts the next attempt's partials from nothing. */
    Script restart() {
        attempt++;
        parser = PartialJsonParser.strict();
        last = null;
        return this;
    }

    /** Waits before the next step. */
    Script pause(Duration duration) {
        steps.add(new Step(null, duration, null, null, false));
        return this;
    }

    /** Waits until the test opens {@code gate}. */
    public Script await(CountDownLatch gate) {
        steps.add(new Step(null, null, gate, null, false));
        return this;
    }

    /** Counts {@code reached} down when the stream gets here: the steps before have been delivered and handled. */
    Script reached(CountDownLatch reached) {
        steps.add(new Step(null, null, null, null, false, reached));
        return this;
    }

    /** Stays silent until the stream is closed or cancelled, as a model thinking for ever. */
    public Script silentUntilClosed() {
        steps.add(new Step(null, null, null, null, true));
        return this;
    }

    /** Ends with the final update, whose value is {@code finalJson} (which may differ from the last partial). */
    public Script finish(String finalJson) {
        return finish(finalJson, null);
    }

    /** Ends with the final update of {@code finalJson} whose value is {@code value}, an object of the caller's type. */
    Script finish(String finalJson, Object value) {
        PartialJsonParser whole = PartialJsonParser.strict();
        whole.feed(finalJson);
        steps.add(new Step(new Update(finalJson, whole.finish(), attempt, true, value), null, null, null, false));
        return this;
    }

    /** Ends with {@code failure} thrown by the stream. */
    Script fail(RuntimeException failure) {
        steps.add(new Step(null, null, null, failure, false));
        return this;
    }

    List<Step> steps() {
        return List.copyOf(steps);
    }

    /** An update whose value is {@code given}, or else the Jackson tree of its JSON. */
    record Update(String text, PartialValue json, int attempt, boolean isFinal, Object given)
            implements PartialUpdate<Object> {
        @Override
        public Object value() {
            return given != null ? given : MAPPER.readTree(text);
        }

        @Override
        public List<JsonPointer> completedPaths() {
            return List.of();
        }

        @Override
        public Optional<JsonPointer> activePath() {
            return Optional.empty();
        }
    }
}
