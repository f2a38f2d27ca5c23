package dev.instructor.json;

import java.util.AbstractList;
import java.util.List;

/**
 * A view of the first {@code size} items of a growing array. Items before the last are complete and never change,
 * so every snapshot of the same array shares one item buffer; only the last item may differ between snapshots.
 */
final class ArraySnapshot implements PartialArray {
    private final PartialValue[] items;
    private final int size;
    private final boolean complete;

    ArraySnapshot(PartialValue[] items, int size, boolean complete) {
        this.items = items;
        this.size = size;
        this.complete = complete;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public PartialValue get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " out of bounds for size " + size);
        }
        return items[index];
    }

    @Override
    public List<PartialValue> items() {
        return new AbstractList<>() {
            @Override
            public PartialValue get(int index) {
                return ArraySnapshot.this.get(index);
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    @Override
    public JsonType type() {
        return JsonType.ARRAY;
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
        out.append('[');
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                out.append(',');
            }
            items[i].appendJson(out);
        }
        out.append(']');
    }

    @Override
    public String toString() {
        return toJson();
    }
}
