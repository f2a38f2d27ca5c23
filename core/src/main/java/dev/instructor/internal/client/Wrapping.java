package dev.instructor.internal.client;

import dev.instructor.internal.binding.BareValues;
import dev.instructor.json.JsonPointer;
import dev.instructor.json.PartialArray;
import dev.instructor.json.PartialObject;
import dev.instructor.json.PartialValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Removes the provider-side wrapper ({@code {"items": ...}}) from engine snapshots and paths, so updates speak in
 * the terms of the caller's value. A value the model wrote without its wrapper (see {@link BareValues}) is in those
 * terms already: its document is the value, and its paths are left as they are.
 *
 * <p>Not thread-safe: one attempt's, used by one thread at a time.
 */
final class Wrapping {
    private final String key;
    /** The pointer to the wrapped value, or null. */
    private final JsonPointer wrapped;
    /** Whether the model wrote the wrapped value without its wrapper (see BareValues): its paths are the caller's. */
    private boolean bare;
    /** Whether {@link #bare} has been decided, by the first settled snapshot. */
    private boolean decided;
    /** The last active path unwrapped and its result: a stream asks for the same one after most chunks. */
    private JsonPointer lastPath;

    private JsonPointer lastUnwrapped;

    /** @param key the wrapper member, or {@code null} when the model is not wrapped */
    Wrapping(String key) {
        this.key = key;
        this.wrapped = key == null ? null : JsonPointer.root().append(key);
    }

    /**
     * Decides, from the attempt's first settled snapshot, whether the model wrote the value bare: the root's kind does
     * not change while the answer streams, once settled. Until then (the open list shown for a leading {@code [},
     * which may be prose before the wrapper: see AnswerParser) each snapshot decides for itself. Call with every
     * snapshot until {@link #isDecided()}.
     */
    void decide(PartialValue snapshot, boolean settled) {
        decided = settled;
        bare = BareValues.isBare(snapshot, key);
    }

    /** Returns true once a settled snapshot has decided whether the value is bare. */
    boolean isDecided() {
        return decided;
    }

    /** Returns true when the model wrote the wrapped value without its wrapper. */
    boolean isBare() {
        return bare;
    }

    /** Returns {@code json}, the text of a bare value, in the wrapper the provider asked for. */
    String wrapped(String json) {
        return "{\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\":" + json + "}";
    }

    /** Returns true when the caller's value is asked for wrapped in an object. */
    boolean isWrapped() {
        return key != null;
    }

    /** Returns true when {@code member} is the wrapper's key. */
    boolean isWrapperKey(String member) {
        return key != null && key.equals(member);
    }

    /** Returns true when {@code path} lies in the wrapped value. */
    boolean inWrapped(JsonPointer path) {
        return key != null && (bare || inner(path) != null);
    }

    /**
     * Returns {@code paths} less those in the wrapped value that {@code document} does not hold complete: in the chunk
     * where the model writes the wrapper member again, the paths completed before it are the replaced value's, and in
     * the new one they name nothing, or a value still open.
     */
    List<JsonPointer> completedIn(PartialValue document, List<JsonPointer> paths) {
        List<JsonPointer> out = new ArrayList<>(paths.size());
        for (JsonPointer path : paths) {
            if (!inWrapped(path) || isComplete(document, path)) {
                out.add(path);
            }
        }
        return out;
    }

    private static boolean isComplete(PartialValue document, JsonPointer path) {
        PartialValue node = document;
        List<String> segments = path.segments();
        for (int i = 0; i < segments.size() && node != null; i++) {
            if (node instanceof PartialObject object) {
                node = object.get(segments.get(i));
            } else if (node instanceof PartialArray array && path.isIndex(i)) {
                int index = Integer.parseInt(segments.get(i));
                node = index < array.size() ? array.get(index) : null;
            } else {
                node = null;
            }
        }
        return node != null && node.isComplete();
    }

    /** Returns the wrapped value (the document itself when bare), or {@code null} when its member has not started. */
    PartialValue unwrap(PartialValue document) {
        return BareValues.valueIn(document, key);
    }

    /**
     * Returns the path in the caller's terms, or {@code null} when it lies outside the wrapped value. Remembers the
     * last path asked for: pass the active path here, the completed ones to {@link #unwrap(List)}.
     */
    JsonPointer unwrap(JsonPointer path) {
        if (key == null || bare) {
            return path;
        }
        if (path != lastPath) {
            lastUnwrapped = inner(path);
            lastPath = path;
        }
        return lastUnwrapped;
    }

    /**
     * Returns a violation's path in the caller's terms, or {@code null} when it lies outside the wrapped value. Unlike
     * the engine's paths, a violation's names the wrapper even when the model left it out, as the re-ask shows it.
     */
    JsonPointer unwrapViolation(JsonPointer path) {
        return key == null ? path : inner(path);
    }

    /** Returns the paths in the caller's terms, leaving out those outside the wrapped value. */
    List<JsonPointer> unwrap(List<JsonPointer> paths) {
        if (key == null || bare || paths.isEmpty()) {
            return paths;
        }
        List<JsonPointer> out = new ArrayList<>(paths.size());
        for (JsonPointer path : paths) {
            JsonPointer inner = inner(path);
            if (inner != null) {
                out.add(inner);
            }
        }
        return out;
    }

    private JsonPointer inner(JsonPointer path) {
        List<String> segments = path.segments();
        return segments.isEmpty() || !segments.get(0).equals(key) ? null : path.relativeTo(wrapped);
    }
}
