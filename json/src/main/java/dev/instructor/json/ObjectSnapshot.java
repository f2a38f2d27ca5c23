package dev.instructor.json;

import java.util.AbstractList;
import java.util.List;

/**
 * An object snapshot: the final state of a complete object, or a view of an open one. Every snapshot of the same
 * object shares its key and value arrays; see {@link Members} and {@link ContainerSnapshot}.
 */
final class ObjectSnapshot extends ContainerSnapshot implements PartialObject {

    ObjectSnapshot(Members members) {
        super(members);
    }

    ObjectSnapshot(Members members, ContainerSnapshot tip) {
        super(members, tip);
    }

    ObjectSnapshot(Members root, Members deepest, char[] string, int stringLength) {
        super(root, deepest, string, stringLength);
    }

    @Override
    public String keyAt(int index) {
        int size = size();
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " out of bounds for size " + size);
        }
        return members.keys[index];
    }

    @Override
    public PartialValue valueAt(int index) {
        return value(index);
    }

    @Override
    public PartialValue get(String key) {
        String[] keys = members.keys;
        int size = size();
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
                return ObjectSnapshot.this.size();
            }
        };
    }

    @Override
    public List<String> writtenKeys() {
        if (members.written == null) {
            return keys();
        }
        return new AbstractList<>() {
            @Override
            public String get(int index) {
                int size = writtenSize();
                if (index < 0 || index >= size) {
                    throw new IndexOutOfBoundsException("index " + index + " out of bounds for size " + size);
                }
                return writtenKeyAt(index);
            }

            @Override
            public int size() {
                return writtenSize();
            }
        };
    }

    @Override
    public List<PartialValue> writtenValues() {
        return new AbstractList<>() {
            @Override
            public PartialValue get(int index) {
                int size = writtenSize();
                if (index < 0 || index >= size) {
                    throw new IndexOutOfBoundsException("index " + index + " out of bounds for size " + size);
                }
                return writtenValueAt(index);
            }

            @Override
            public int size() {
                return writtenSize();
            }
        };
    }

    @Override
    public int repeatedKeys() {
        return members.repeats();
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
    public String toWrittenJson() {
        StringBuilder out = new StringBuilder();
        JsonText.render(this, out, true);
        return out.toString();
    }

    /** Returns how many members {@link #toWrittenJson()} shows: a repeated key each time it was written. */
    int writtenSize() {
        WrittenMembers written = members.written;
        if (written == null) {
            return size();
        }
        return members.openIndex >= 0 ? written.count + 1 : written.count;
    }

    /** Returns the key of the member written at {@code index}, from 0 to {@link #writtenSize()} (exclusive). */
    String writtenKeyAt(int index) {
        WrittenMembers written = members.written;
        if (written == null) {
            return keyAt(index);
        }
        // The member being written comes after the complete ones, wherever a repeated key shows it.
        return index < written.count ? written.keys[index] : members.keys[members.openIndex];
    }

    /** Returns the value of the member written at {@code index}. */
    PartialValue writtenValueAt(int index) {
        WrittenMembers written = members.written;
        if (written == null) {
            return valueAt(index);
        }
        return index < written.count ? written.values[index] : valueAt(members.openIndex);
    }

    @Override
    public String toString() {
        return toJson();
    }
}
