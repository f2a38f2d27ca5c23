package dev.instructor.json;

import java.util.AbstractList;
import java.util.List;

/**
 * An array snapshot: the final state of a complete array, or a view of an open one. Items before the last are
 * complete and never change, so every snapshot of the same array shares one item array; see {@link Members} and
 * {@link ContainerSnapshot}.
 */
final class ArraySnapshot extends ContainerSnapshot implements PartialArray {

    ArraySnapshot(Members members) {
        super(members);
    }

    ArraySnapshot(Members members, ContainerSnapshot tip) {
        super(members, tip);
    }

    ArraySnapshot(Members root, Members deepest, char[] string, int stringLength) {
        super(root, deepest, string, stringLength);
    }

    @Override
    public PartialValue get(int index) {
        return value(index);
    }

    @Override
    public List<PartialValue> items() {
        return new AbstractList<>() {
            @Override
            public PartialValue get(int index) {
                return value(index);
            }

            @Override
            public int size() {
                return ArraySnapshot.this.size();
            }
        };
    }

    @Override
    public JsonType type() {
        return JsonType.ARRAY;
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

    @Override
    public String toString() {
        return toJson();
    }
}
