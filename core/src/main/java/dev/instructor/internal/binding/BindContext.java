package dev.instructor.internal.binding;

import dev.instructor.json.JsonPointer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tools.jackson.databind.DeserializationContext;

/**
 * Per-stream scratch state for one binding pass: the Jackson context used to call creators and setters, the JSON path
 * currently being bound (kept as two parallel arrays so that pushing a list index allocates nothing), and the open
 * values that could not be built yet.
 */
final class BindContext {
    final DeserializationContext jackson;
    /** Whether Jackson rejects a document with a repeated member name (see {@link RepeatedKeys}). */
    final boolean rejectsRepeatedKeys;

    private String[] names = new String[16];
    private int[] indexes = new int[16];
    private int depth;
    private List<JsonPointer> dropped = List.of();
    private String lastReason;
    /** How many sets the value being bound lies in: there, open text is copied (see {@link #sharesText()}). */
    private int setDepth;

    BindContext(ShapeFactory factory) {
        this.jackson = factory.newContext();
        this.rejectsRepeatedKeys = factory.rejectsRepeatedKeys();
    }

    void beginPass() {
        depth = 0;
        setDepth = 0;
        dropped = List.of();
        lastReason = null;
    }

    void push(String name) {
        ensureCapacity();
        names[depth] = name;
        indexes[depth++] = -1;
    }

    void push(int index) {
        ensureCapacity();
        names[depth] = null;
        indexes[depth++] = index;
    }

    void pop() {
        depth--;
    }

    /** Marks the start of binding the open item of a set; {@link #leaveSet()} marks its end. */
    void enterSet() {
        setDepth++;
    }

    void leaveSet() {
        setDepth--;
    }

    /**
     * Returns whether an open {@code CharSequence} may be bound as the engine's view of its text. Not inside a set: a
     * set compares its open item with the completed ones, which hold {@code String}s, and a view never equals one.
     */
    boolean sharesText() {
        return setDepth == 0;
    }

    /** Records that the open value at the current path was left out of the partial. */
    void drop() {
        if (dropped.isEmpty()) {
            dropped = new ArrayList<>(2);
        }
        dropped.add(pointer());
    }

    /** Records why the open value at the current path cannot be built yet. */
    void note(String reason) {
        lastReason = pointer() + ": " + reason;
    }

    /** Records why a whole snapshot was skipped. */
    void skipped(String reason) {
        lastReason = reason;
    }

    List<JsonPointer> dropped() {
        return dropped;
    }

    /** Returns why the current pass skipped the snapshot or left an open value out, or null. */
    String lastReason() {
        return lastReason;
    }

    JsonPointer pointer() {
        List<String> segments = new ArrayList<>(depth);
        for (int i = 0; i < depth; i++) {
            segments.add(names[i] != null ? names[i] : Integer.toString(indexes[i]));
        }
        return JsonPointer.of(segments);
    }

    private void ensureCapacity() {
        if (depth == names.length) {
            names = Arrays.copyOf(names, depth * 2);
            indexes = Arrays.copyOf(indexes, depth * 2);
        }
    }
}
