package dev.instructor.json;

import java.util.Arrays;
import java.util.HashMap;

/**
 * The parser's mutable state for one open array or object. One instance per depth is reused for every container at
 * that depth; its member arrays are handed to the snapshots and are therefore never reused or changed in place
 * below {@link #count}, except through a copy (see {@link #replace}).
 */
final class Frame {
    private static final String[] NO_KEYS = {};
    private static final PartialValue[] NO_VALUES = {};
    /** Beyond this many members, duplicate keys are found through a hash map rather than a scan. */
    private static final int SCAN_LIMIT = 8;
    /** Bounds of the first capacity of a container's arrays. */
    private static final int MIN_CAPACITY = 4;

    private static final int MAX_FIRST_CAPACITY = 64;

    boolean object;
    String[] keys;
    PartialValue[] values;
    /** Complete members. */
    int count;
    /** Slot of the open child that is shown, or -1. */
    int openIndex;
    /** How many members repeated an earlier key; see {@link PartialObject#repeatedKeys()}. */
    int repeats;
    /**
     * Object only: the complete members as written, a repeated key each time, from the first repeat on (null until
     * then); see {@link WrittenMembers}. Shared with the snapshots as {@link #keys} is: appended to, copied to grow.
     */
    private String[] writtenKeys;

    private PartialValue[] writtenValues;
    private int writtenCount;
    /** Object only: the key of the member being parsed, once its colon may follow. */
    String pendingKey;
    /** The last capture made for a snapshot, valid until this frame changes visibly. */
    Members level;
    /** This container's location, made on demand for completion paths. */
    PathNode path;

    private HashMap<String, Integer> keyIndex;
    /**
     * The capacity of the next container's first arrays at this depth: the size of the last one closed here, as a
     * model writes siblings alike (recipes of four members, lists of six ingredients), so they need not grow.
     */
    private int firstCapacity = MIN_CAPACITY;

    void reset(boolean object) {
        this.object = object;
        this.keys = NO_KEYS;
        this.values = NO_VALUES;
        this.count = 0;
        this.openIndex = -1;
        this.repeats = 0;
        this.writtenKeys = null;
        this.writtenValues = null;
        this.writtenCount = 0;
        this.pendingKey = null;
        this.level = null;
        this.path = null;
        this.keyIndex = null;
    }

    /** Shows a child that has started but not completed (a string or a container). */
    void openChild() {
        if (!object) {
            ensureCapacity();
            openIndex = count;
            return;
        }
        int existing = indexOf(pendingKey);
        if (existing < 0) {
            ensureCapacity();
            keys[count] = pendingKey;
            openIndex = count;
        } else {
            // A repeated key keeps its first position and takes the new value; earlier snapshots keep theirs.
            values = values.clone();
            openIndex = existing;
            repeats++;
            startWritten();
        }
    }

    /** Stores a completed child: the open one, or a number or literal that was never shown open. */
    void completeChild(PartialValue value) {
        int slot = openIndex;
        openIndex = -1;
        if (slot < 0 && object) {
            slot = indexOf(pendingKey);
            if (slot >= 0) {
                repeats++;
                startWritten();
                replace(slot, value);
                written(value);
                return;
            }
        }
        if (slot < 0 || slot == count) {
            if (slot < 0) {
                ensureCapacity();
                if (object) {
                    keys[count] = pendingKey;
                }
            }
            values[count] = value;
            if (object && keyIndex != null) {
                keyIndex.put(pendingKey, count);
            }
            count++;
        } else {
            values[slot] = value; // already a private copy, made when the repeated key's value opened
        }
        if (writtenKeys != null) {
            written(value);
        }
    }

    /** Starts keeping the members as written, at the first repeated key: so far they are the members shown. */
    private void startWritten() {
        if (writtenKeys == null) {
            int capacity = Math.max(MIN_CAPACITY, count * 2);
            writtenKeys = Arrays.copyOf(keys, capacity);
            writtenValues = Arrays.copyOf(values, capacity);
            writtenCount = count;
        }
    }

    /** Adds the member just completed, under the key being parsed, to the members as written. */
    private void written(PartialValue value) {
        if (writtenCount == writtenValues.length) {
            writtenKeys = Arrays.copyOf(writtenKeys, writtenCount * 2);
            writtenValues = Arrays.copyOf(writtenValues, writtenCount * 2);
        }
        writtenKeys[writtenCount] = pendingKey;
        writtenValues[writtenCount++] = value;
    }

    private WrittenMembers writtenMembers() {
        return writtenKeys == null ? null : new WrittenMembers(writtenKeys, writtenValues, writtenCount, repeats);
    }

    /** Returns the snapshot of the closed container; the frame must be reset before reuse. */
    PartialValue close() {
        firstCapacity = Math.max(MIN_CAPACITY, Math.min(count, MAX_FIRST_CAPACITY));
        PartialValue done =
                ContainerSnapshot.complete(new Members(object, null, keys, values, count, -1, writtenMembers()));
        keys = null;
        values = null;
        writtenKeys = null;
        writtenValues = null;
        return done;
    }

    Members capture(Members parent) {
        return new Members(object, parent, keys, values, count, openIndex, writtenMembers());
    }

    private void replace(int slot, PartialValue value) {
        values = values.clone();
        values[slot] = value;
    }

    private int indexOf(String key) {
        if (keyIndex != null) {
            Integer index = keyIndex.get(key);
            return index == null ? -1 : index;
        }
        for (int i = 0; i < count; i++) {
            String k = keys[i];
            if (k == key || k.equals(key)) {
                return i;
            }
        }
        if (count >= SCAN_LIMIT) {
            keyIndex = new HashMap<>(count * 4);
            for (int i = 0; i < count; i++) {
                keyIndex.putIfAbsent(keys[i], i);
            }
        }
        return -1;
    }

    private void ensureCapacity() {
        if (count == values.length) {
            if (count == 0) {
                values = new PartialValue[firstCapacity];
                keys = object ? new String[firstCapacity] : NO_KEYS;
                return;
            }
            values = Arrays.copyOf(values, count * 2);
            if (object) {
                keys = Arrays.copyOf(keys, count * 2);
            }
        }
    }
}
