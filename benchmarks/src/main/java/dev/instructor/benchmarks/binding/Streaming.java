package dev.instructor.benchmarks.binding;

import dev.instructor.PartialBinder;
import dev.instructor.PartialResult;
import dev.instructor.ResponseModel;
import dev.instructor.json.PartialJsonParser;
import dev.instructor.json.PartialValue;
import java.util.List;
import java.util.Optional;
import org.openjdk.jmh.infra.Blackhole;

/** The typed pipeline the binding benchmarks measure: parse each chunk, snapshot, bind a partial. */
final class Streaming {
    private Streaming() {}

    /** Streams {@code chunks} into partials of {@code model}; each partial and the final value go to the blackhole. */
    static void typedPartials(List<String> chunks, ResponseModel<?> model, Blackhole blackhole) {
        PartialJsonParser parser = PartialJsonParser.strict();
        PartialBinder<?> binder = model.newPartialBinder();
        for (int i = 0, n = chunks.size(); i < n; i++) {
            parser.feed(chunks.get(i));
            PartialValue snapshot = parser.current();
            if (snapshot != null) {
                Optional<? extends PartialResult<?>> partial = binder.bind(snapshot);
                blackhole.consume(partial.orElse(null)); // the partial, as a caller takes it out of the Optional
            }
        }
        blackhole.consume(parser.finish());
    }
}
