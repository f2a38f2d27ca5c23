package dev.instructor.sse.internal;

import dev.instructor.json.PartialArray;
import dev.instructor.json.PartialObject;
import dev.instructor.json.PartialString;
import dev.instructor.json.PartialValue;

/**
 * Turns successive partial values into the delta format's patches (docs/wire-format.md, section 5.3).
 *
 * <p>Implementation notes. The engine only grows a value and hands out the very same instance for every subtree
 * that is complete, so the diff stops at the first identical node: in an array only the last item sent can still
 * change (earlier items are complete and shared), so the walk starts there; in an object every member is compared
 * by identity, which is cheap, because a repeated key may replace an earlier member's value. Strings are trusted to
 * grow by appending, as the engine guarantees, so an append costs only the new text. The work per patch is thus
 * proportional to the depth of the value plus what changed, never to what was sent before.
 *
 * <p>Not thread-safe: one stream's partials are encoded in order by one thread at a time.
 */
public final class DeltaEncoder {
    private final StringBuilder ops = new StringBuilder();
    private final StringBuilder path = new StringBuilder();
    private int opCount;
    private PartialValue sent;
    private String cursor;

    /** Creates an encoder whose value and cursor are absent, as at the start of a response. */
    public DeltaEncoder() {}

    /**
     * Returns the data of the patch that turns the last value encoded into {@code next}, or {@code null} when they
     * are the same JSON value (then nothing should be written).
     *
     * @param next the newer partial value
     */
    public String encode(PartialValue next) {
        ops.setLength(0);
        opCount = 0;
        path.setLength(0);
        diff(sent, next);
        sent = next;
        if (opCount == 0) {
            return null;
        }
        return opCount == 1 ? ops.toString() : "[" + ops + "]";
    }

    /** Forgets the value and the cursor, as a {@code restart} event tells the client to. */
    public void reset() {
        sent = null;
        cursor = null;
    }

    private void diff(PartialValue old, PartialValue now) {
        if (old == now) {
            return;
        }
        if (old == null) {
            set(now);
            return;
        }
        if (old.isComplete()) {
            // A complete value never changes, so another instance replaced it (a repeated key): compare as text.
            if (!old.toJson().equals(now.toJson())) {
                set(now);
            }
            return;
        }
        if (old instanceof PartialString before && now instanceof PartialString after) {
            diffString(before, after);
        } else if (old instanceof PartialArray before && now instanceof PartialArray after) {
            diffArray(before, after);
        } else if (old instanceof PartialObject before && now instanceof PartialObject after) {
            diffObject(before, after);
        } else {
            set(now); // numbers and literals are shown only once complete, so this is a change of type
        }
    }

    private void diffString(PartialString before, PartialString after) {
        int sentLength = before.length();
        if (after.length() > sentLength) {
            append(after.valueFrom(sentLength)); // only the new text: no copy of what was sent
        } else if (after.length() < sentLength) {
            set(after);
        }
    }

    private void diffArray(PartialArray before, PartialArray after) {
        int sentSize = before.size();
        if (after.size() < sentSize) {
            set(after);
            return;
        }
        int from = Math.max(0, sentSize - 1);
        if (from > 0 && before.get(from - 1) != after.get(from - 1)) {
            from = 0; // not the engine's sharing: compare every item, still by identity first
        }
        int length = path.length();
        for (int i = from; i < after.size(); i++) {
            path.append('/').append(i);
            diff(i < sentSize ? before.get(i) : null, after.get(i));
            path.setLength(length);
        }
    }

    private void diffObject(PartialObject before, PartialObject after) {
        int sentSize = before.size();
        if (after.size() < sentSize || !sameKeys(before, after)) {
            set(after);
            return;
        }
        int length = path.length();
        for (int i = 0; i < after.size(); i++) {
            JsonWriting.appendPointerToken(after.keyAt(i), path);
            diff(i < sentSize ? before.valueAt(i) : null, after.valueAt(i));
            path.setLength(length);
        }
    }

    private static boolean sameKeys(PartialObject before, PartialObject after) {
        for (int i = 0; i < before.size(); i++) {
            if (!before.keyAt(i).equals(after.keyAt(i))) {
                return false;
            }
        }
        return true;
    }

    private void set(PartialValue value) {
        startOp();
        ops.append("{\"p\":");
        JsonWriting.appendQuoted(path.toString(), 0, ops);
        ops.append(",\"v\":");
        value.appendJson(ops);
        ops.append('}');
        cursor = path.toString();
    }

    private void append(String added) {
        startOp();
        if (cursor != null && cursor.contentEquals(path)) {
            // The text continues where the previous op left the cursor: no path needed.
            JsonWriting.appendQuoted(added, 0, ops);
            return;
        }
        ops.append("{\"p\":");
        JsonWriting.appendQuoted(path.toString(), 0, ops);
        ops.append(",\"a\":");
        JsonWriting.appendQuoted(added, 0, ops);
        ops.append('}');
        cursor = path.toString();
    }

    private void startOp() {
        if (opCount++ > 0) {
            ops.append(',');
        }
    }
}
