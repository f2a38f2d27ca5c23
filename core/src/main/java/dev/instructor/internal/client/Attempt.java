package dev.instructor.internal.client;

import dev.instructor.FailedAttempt;
import dev.instructor.PartialBinder;
import dev.instructor.PartialResult;
import dev.instructor.StreamingValidator;
import dev.instructor.Usage;
import dev.instructor.Violation;
import dev.instructor.internal.validation.StreamingChecks;
import dev.instructor.json.JsonParseException;
import dev.instructor.json.JsonPointer;
import dev.instructor.json.JsonType;
import dev.instructor.json.PartialArray;
import dev.instructor.json.PartialObject;
import dev.instructor.json.PartialValue;
import dev.instructor.spi.Mode;
import dev.instructor.spi.ProviderCall;
import dev.instructor.spi.ProviderException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/**
 * One provider request of a structured run: feeds the text deltas through the engine, the binder and the streaming
 * validator, and remembers what the run needs to show partials and to re-ask.
 *
 * <p>The parser is lenient in every mode: it skips prose or a Markdown fence before the value (MD_JSON, chatty
 * local models) and ignores anything after it. The roots we ask for are always objects, so leniency costs nothing in
 * the other modes; outside MD_JSON, an answer that starts as an array or a scalar is a wrapped type's value written
 * bare, read from its first char (see {@link AnswerParser}).
 *
 * <p>Not thread-safe; driven by its run.
 */
final class Attempt<T> {
    /** The client's logger, as {@link LoggingListener}'s: skipped partials are logged at TRACE. */
    private static final System.Logger LOG = System.getLogger("dev.instructor.Instructor");

    final int number;
    private final CallPlan<T> plan;
    private final Wrapping wrapping;
    private final PartialBinder<T> binder;
    private final StringBuilder text = new StringBuilder();
    private final AnswerParser parser;
    private final List<JsonPointer> completedSinceShown = new ArrayList<>();
    private final BitSet completeItems = new BitSet();
    private final BitSet invalidItems = new BitSet();
    /**
     * The JSON indexes of the null items Jackson leaves out of the list ({@code Nulls.SKIP}), in order, so that a
     * position in the bound list can be told its index in the JSON array; empty in the common case.
     */
    private final List<Integer> skippedNulls = new ArrayList<>(0);
    /** Replaced when the wrapped list starts again: it reports a violation once, and the new list may repeat one. */
    private StreamingValidator validator;
    /** Whether Jackson leaves null items of the list out: asked once, at the first null item. */
    private Boolean skipsNullItems;
    /** How many keys the root object has repeated so far. */
    private int rootRepeats;
    /** How many times the model has written the wrapper key: counted only once the root repeats a key, 1 until then. */
    private int wrapperWrites = 1;

    private volatile ProviderCall call;
    private String toolCallId;
    private String toolCallSignature;
    private JsonParseException syntaxError;
    private PartialValue lastSnapshot;
    private boolean shownAny;
    private T lastShown;
    private Usage usage = Usage.ZERO;

    Attempt(int number, CallPlan<T> plan) {
        this.number = number;
        this.plan = plan;
        this.wrapping = new Wrapping(plan.model.wrapperKey().orElse(null));
        this.parser = new AnswerParser(text, wrapping, plan);
        this.binder = plan.model.newPartialBinder();
        this.validator = plan.model.newStreamingValidator();
    }

    /**
     * What one text delta changed: the constraints it broke, and whether it completed an item of the list (or set)
     * the caller asked for. Items are handed out as they complete, so such a delta is bound at once (see {@link
     * #bind()}). {@code restarted}: the model wrote the wrapper key again, so the wrapped list starts from nothing.
     */
    record Fed(List<Violation> violations, boolean completedItem, boolean restarted) {}

    void attach(ProviderCall call) {
        this.call = call;
    }

    void cancel() {
        ProviderCall current = call;
        // A call that has ended is left alone: a transport may still be reading the rest of its body to keep the
        // connection for the next call, and a stream closed once its answer is in must not close that connection.
        if (current != null && !hasEnded(current)) {
            try {
                current.cancel();
            } catch (RuntimeException e) {
                // A provider's bug must not stop the stream from ending: thrown here, it would leave the run undone.
                LOG.log(Level.WARNING, "the provider's ProviderCall.cancel() threw; the stream ends all the same", e);
            }
        }
    }

    /** Returns whether {@code call} says it has ended; one that cannot tell (its isDone() throws) is cancelled. */
    private static boolean hasEnded(ProviderCall call) {
        try {
            return call.isDone();
        } catch (RuntimeException e) {
            // As a cancel() that throws: the provider's bug must not leave the run undone.
            LOG.log(Level.WARNING, "the provider's ProviderCall.isDone() threw; the call is cancelled", e);
            return false;
        }
    }

    void toolCall(String id, String signature) {
        if (toolCallId == null) {
            toolCallId = id;
            toolCallSignature = signature;
        }
    }

    void usage(Usage usage) {
        this.usage = usage;
    }

    Usage usage() {
        return usage;
    }

    /**
     * Feeds a text delta: parses it and checks the constraints it can break. Binding the partial is left to {@link
     * #bind()}, which a throttled run calls only when it may show one.
     *
     * @return what changed, or {@code null} when nothing visible did
     */
    Fed feed(String delta) {
        text.append(delta);
        if (syntaxError != null || parser.isPastValue()) {
            return null;
        }
        try {
            parser.feed(delta);
        } catch (JsonParseException e) {
            syntaxError = e;
            return new Fed(List.of(Violation.of("", "not valid JSON: " + e.getMessage())), false, false);
        }
        PartialValue snapshot = parser.current();
        if (snapshot == null || snapshot == lastSnapshot) {
            return null;
        }
        if (!wrapping.isDecided()) {
            wrapping.decide(snapshot, parser.isSettled(snapshot));
        }
        lastSnapshot = snapshot;
        boolean restarted = restartsWrappedValue(snapshot);
        if (restarted) {
            // What the first list's indexes were (complete, broken, null) says nothing of the second's.
            completeItems.clear();
            invalidItems.clear();
            skippedNulls.clear();
            validator = plan.model.newStreamingValidator();
        }
        List<JsonPointer> completed = parser.completedPaths();
        if (restarted) {
            // The chunk that writes the wrapper again may also end the first list: what it completed there (an item,
            // the list) is no item of the second, whose item at that index may still be open.
            completed = wrapping.completedIn(snapshot, completed);
            completedSinceShown.removeIf(wrapping::inWrapped);
        }
        boolean completedItem = false;
        if (!completed.isEmpty()) { // most chunks complete nothing
            completedSinceShown.addAll(completed);
            for (JsonPointer path : wrapping.unwrap(completed)) {
                if (path.depth() == 1 && path.isIndex(0)) {
                    int index = Integer.parseInt(path.segments().get(0));
                    completeItems.set(index);
                    completedItem = true;
                    if (isNullItem(index) && skipsNullItems()) {
                        skippedNulls.add(index);
                    }
                }
            }
        }
        List<Violation> violations = validator.check(lastSnapshot, completed);
        for (Violation violation : violations) {
            markInvalid(violation.path());
        }
        if (validator instanceof StreamingChecks checks
                && !checks.foundInSetItems().isEmpty()) {
            // Reported on the set, as the final validation does, later or not at all for an item equal to one reported:
            // the broken item's index is where the violation was found.
            checks.foundInSetItems().forEach(this::markInvalid);
        }
        return new Fed(violations, completedItem, restarted);
    }

    /** Marks the item of the wrapped list that holds {@code path}, a path in the document, as broken. */
    private void markInvalid(JsonPointer path) {
        JsonPointer unwrapped = wrapping.unwrapViolation(path);
        if (unwrapped != null && unwrapped.depth() >= 1 && unwrapped.isIndex(0)) {
            invalidItems.set(Integer.parseInt(unwrapped.segments().get(0)));
        }
    }

    /**
     * Returns true when {@code snapshot} is the first in which the model wrote the wrapper key again: Jackson reads the
     * last value of a repeated key, so the wrapped value starts anew. One comparison per snapshot while the root
     * repeats no key, which is always but for a confused model.
     */
    private boolean restartsWrappedValue(PartialValue snapshot) {
        if (!wrapping.isWrapped() || !(snapshot instanceof PartialObject root) || root.repeatedKeys() == rootRepeats) {
            return false;
        }
        rootRepeats = root.repeatedKeys();
        int writes = 0;
        for (String key : root.writtenKeys()) {
            if (wrapping.isWrapperKey(key)) {
                writes++;
            }
        }
        boolean restarted = writes > wrapperWrites;
        wrapperWrites = Math.max(writes, wrapperWrites);
        return restarted;
    }

    /** Returns the partial of the latest snapshot fed, or empty when it gives none (or none was fed yet). */
    Optional<PartialResult<T>> bind() {
        if (lastSnapshot == null) {
            return Optional.empty();
        }
        Optional<PartialResult<T>> result = binder.bind(lastSnapshot);
        if (result.isEmpty() && LOG.isLoggable(Level.TRACE)) {
            // Otherwise nothing tells a caller why partials stopped coming (a constructor rejecting its arguments).
            LOG.log(
                    Level.TRACE,
                    "attempt {0}: no partial from this chunk: {1}",
                    number,
                    binder.lastSkipReason().orElse("no reason given"));
        }
        return result;
    }

    /**
     * Returns true when the list item at {@code position} in the bound list is complete and broke no constraint
     * mid-stream. O(1) unless Jackson skipped null items (then O(their number)): the run asks after every chunk, so
     * the answer must not cost the length of the list.
     */
    boolean isValidCompleteItem(int position) {
        int index = position;
        for (int skipped : skippedNulls) { // empty unless the list skips null items and the model wrote one
            if (skipped <= index) {
                index++;
            } else {
                break;
            }
        }
        return completeItems.get(index) && !invalidItems.get(index);
    }

    /** Returns true when the completed item at JSON index {@code index} is a JSON {@code null}. */
    private boolean isNullItem(int index) {
        return wrapping.unwrap(lastSnapshot) instanceof PartialArray items
                && index < items.size()
                && items.get(index).type() == JsonType.NULL;
    }

    /** Returns true when Jackson leaves a null item out of the list, so positions and JSON indexes differ. */
    private boolean skipsNullItems() {
        if (skipsNullItems == null) {
            boolean skips = false;
            String key = plan.model.wrapperKey().orElse(null);
            if (key != null) {
                try {
                    skips = plan.model.parse("{\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\":[null]}")
                                    instanceof List<?> list
                            && list.isEmpty();
                } catch (RuntimeException e) {
                    skips = false; // Jackson rejects a null item: nothing is skipped
                }
            }
            skipsNullItems = skips;
        }
        return skipsNullItems;
    }

    /** A partial ready to be shown: its value, the snapshot it was bound from, and the path being written. */
    record Pending<T>(T value, PartialValue json, JsonPointer activePath) {}

    /**
     * Returns the partial of a bound result, or {@code null} when its value equals the one shown last (a chunk that
     * changed only what partials do not show, such as a number still being written).
     */
    Pending<T> pending(PartialResult<T> result) {
        T value = result.value();
        if (shownAny && PartialEquality.same(value, lastShown)) {
            return null;
        }
        PartialValue json = wrapping.unwrap(lastSnapshot);
        if (json == null) {
            return null;
        }
        return new Pending<>(
                value, json, parser.activePath().map(wrapping::unwrap).orElse(null));
    }

    /** Returns the update that shows {@code pending}, with every path completed since the last one shown. */
    Update<T> show(Pending<T> pending) {
        Update<T> update = new Update<>(
                pending.value(),
                pending.json(),
                wrapping.unwrap(completedSinceShown),
                pending.activePath(),
                number,
                false);
        shownAny = true;
        lastShown = pending.value();
        completedSinceShown.clear();
        return update;
    }

    /** Returns the final update of an accepted value. */
    Update<T> finalUpdate(T value, PartialValue document) {
        PartialValue json = wrapping.unwrap(document);
        return new Update<>(value, json, wrapping.unwrap(completedSinceShown), null, number, true);
    }

    /** Describes how this attempt ended, for the chain. */
    AttemptEnd end(List<Violation> early, ProviderException failure, List<FailedAttempt> earlier, Usage total) {
        PartialValue document = null;
        String syntax = syntaxError == null ? null : syntaxError.getMessage();
        if (failure == null && early.isEmpty() && syntaxError == null) {
            try {
                if (parser.isPastValue()) {
                    document = parser.current(); // its paths were taken as the value ended
                } else {
                    document = parser.finish();
                    completedSinceShown.addAll(parser.completedPaths());
                }
            } catch (JsonParseException e) {
                syntax = e.getMessage();
            }
        }
        return new AttemptEnd(
                plan,
                number,
                text.toString(),
                previousOutput(),
                toolCallId,
                toolCallSignature,
                document,
                syntax,
                early,
                failure,
                earlier,
                usage,
                total);
    }

    /**
     * The output a re-ask shows the model. Tool arguments must be JSON for some providers (Anthropic's tool_use
     * input is an object), so in TOOLS mode a cut-off answer is closed the way the engine renders it; a repeated key
     * each time as written, as the violations may be about a value that a later one replaced.
     */
    private String previousOutput() {
        if (plan.mode != Mode.TOOLS) {
            return text.toString();
        }
        Optional<PartialValue> snapshot = parser.snapshot();
        // A bare value is shown in its wrapper: tool arguments must be an object, and the paths name the wrapper.
        return snapshot.map(PartialValue::toWrittenJson)
                .map(json -> wrapping.isBare() ? wrapping.wrapped(json) : json)
                .orElse("{}");
    }
}
