package dev.instructor;

import dev.instructor.internal.binding.PartialBinding;
import dev.instructor.internal.binding.Shape;
import dev.instructor.json.JsonPointer;
import dev.instructor.json.PartialValue;
import java.util.List;
import java.util.Optional;

/**
 * Turns the engine snapshots of one stream into partial values of the response type. Create one per stream with
 * {@link ResponseModel#newPartialBinder()} and pass it every snapshot, in order.
 *
 * <p>Completed parts are bound once and shared: the same Java object for a completed list item appears in every
 * later partial. A snapshot that cannot be bound (a complete value Jackson would reject, or a root object whose
 * constructor rejects its partial arguments) gives no partial; {@link #lastSkipReason()} says why. Binding never
 * throws for the model's content; the final binding decides.
 *
 * <p>Not thread-safe: one thread feeds a binder at a time. The results may be handed to other threads.
 *
 * @param <T> the response type
 */
public final class PartialBinder<T> {
    private final PartialBinding binding;
    private final Shape shape;
    /** The partial of the binding's last snapshot, or null when it gave none. */
    private PartialResult<T> lastResult;
    /** What the last partial's {@code isPresent} needs, shared by the partials bound alike. */
    private PartialResult.Source source;

    PartialBinder(PartialBinding binding, Shape shape) {
        this.binding = binding;
        this.shape = shape;
    }

    /**
     * Binds one snapshot of the stream.
     *
     * @param snapshot the engine's latest snapshot of the whole document (wrapper object included, or the wrapped
     *     value written bare: see {@link ResponseModel})
     * @return the partial, or empty when this snapshot gives none; the same snapshot instance twice in a row gives
     *     the same {@code PartialResult}
     */
    @SuppressWarnings("unchecked")
    public Optional<PartialResult<T>> bind(PartialValue snapshot) {
        if (snapshot != binding.lastSnapshot()) {
            Object value = binding.bind(snapshot);
            lastResult = value == PartialBinding.SKIPPED ? null : new PartialResult<>((T) value, snapshot, source());
        }
        // Made per call rather than kept; the JIT drops it only where this call is inlined into a caller that unwraps
        // it at once (not in the benchmarks' loops, where it costs 16 bytes a partial: see docs/benchmarks.md).
        return Optional.ofNullable(lastResult);
    }

    /** Returns how the latest snapshot was bound, as the partials bound alike share it. */
    private PartialResult.Source source() {
        PartialResult.Source known = source;
        int member = binding.lastTargetMember();
        List<JsonPointer> dropped = binding.lastDropped();
        if (known == null || known.member() != member || known.dropped() != dropped) {
            known = source = new PartialResult.Source(member, shape, dropped);
        }
        return known;
    }

    /** Returns how many snapshots were bound by extending the last partial's open string; for tests. */
    long replays() {
        return binding.replays();
    }

    /** Returns why the latest snapshot gave no partial, or why an open value was left out of it, if known. */
    public Optional<String> lastSkipReason() {
        return Optional.ofNullable(binding.lastSkipReason());
    }
}
