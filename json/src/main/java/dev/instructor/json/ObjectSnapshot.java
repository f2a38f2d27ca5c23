package dev.instructor.json;

import java.util.AbstractList;
import java.util.List;

/**
 * An object snapshot: the final state of a complete object, or a view of an open one. Every snapshot of the same
 * object shares its key and value arrays; see {@link OpenLevel}.
 */
final class ObjectSnapshot extends ContainerSnapshot implements PartialObject {
    private final String[] keys;

    /** A complete object of the first {@code size} members of the arrays. */
    ObjectSnapshot(String[] keys, PartialValue[] values, int size) {
        super(values, size);
        this.keys = keys;
    }

    /** A view of an open object. */
    ObjectSnapshot(OpenLevel level, Object leaf) {
        super(level, leaf);
        this.keys = level.keys;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public String keyAt(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " out of bounds for size " + size);
        }
        return keys[index];
    }

    @Override
    public PartialValue valueAt(int index) {
        return value(index);
    }

    @Override
    public PartialValue get(String key) {
        for (int i = 0; i < size; i++) {
            if (keys[i].equals(key)) {
                return value(i);
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
        return complete();
    }

    @Override
    public String toJson() {
        StringBuilder out = new StringBuilder();
        appendJson(out);
        return out.toString();
    }

    @Override
    public void appendJson(StringBuilder out) {
        JsonText.render(this, out);
    }

    @Override
    public String toString() {
        return toJson();
    }
}
