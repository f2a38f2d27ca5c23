package dev.instructor.json;

import java.util.AbstractList;
import java.util.List;

/**
 * A view of the first {@code size} members of a growing object, sharing its key and value buffers with every other
 * snapshot of the same object.
 */
final class ObjectSnapshot implements PartialObject {
    private final String[] keys;
    private final PartialValue[] values;
    private final int size;
    private final boolean complete;

    ObjectSnapshot(String[] keys, PartialValue[] values, int size, boolean complete) {
        this.keys = keys;
        this.values = values;
        this.size = size;
        this.complete = complete;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public String keyAt(int index) {
        checkIndex(index);
        return keys[index];
    }

    @Override
    public PartialValue valueAt(int index) {
        checkIndex(index);
        return values[index];
    }

    @Override
    public PartialValue get(String key) {
        for (int i = 0; i < size; i++) {
            if (keys[i].equals(key)) {
                return values[i];
            }
        }
        return null;
    }

    @Override
    public List<String> keys() {
        return new AbstractList<>() {
            @Override
            public String get(int index) {
                return keyAt(index);
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    @Override
    public JsonType type() {
        return JsonType.OBJECT;
    }

    @Override
    public boolean isComplete() {
        return complete;
    }

    @Override
    public String toJson() {
        StringBuilder out = new StringBuilder();
        appendJson(out);
        return out.toString();
    }

    @Override
    public void appendJson(StringBuilder out) {
        out.append('{');
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                out.append(',');
            }
            JsonText.appendQuoted(keys[i], out);
            out.append(':');
            values[i].appendJson(out);
        }
        out.append('}');
    }

    @Override
    public String toString() {
        return toJson();
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " out of bounds for size " + size);
        }
    }
}
