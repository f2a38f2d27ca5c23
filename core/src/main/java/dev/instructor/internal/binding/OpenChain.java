package dev.instructor.internal.binding;

import dev.instructor.json.OpenPath;
import dev.instructor.json.PartialArray;
import dev.instructor.json.PartialObject;
import dev.instructor.json.PartialString;
import dev.instructor.json.PartialValue;
import java.util.Arrays;
import java.util.Optional;

/**
 * The open path of the last snapshot bound in full, as the shapes and slots that bound it: records and lists down to
 * the string being written. When the next snapshot differs only by that string's new text ({@link
 * OpenPath#onlyStringGrew}), the partial is rebuilt from here, bottom up, without walking the snapshot: copy the
 * string's text, then give each level its new open member, reusing everything else the full pass bound.
 *
 * <p>Records and beans, lists, sets and maps, {@code Optional}s and unions whose type id is a property take part; a
 * path through anything else (an array, a union wrapped in an object or array) has no chain, and every snapshot is
 * bound in full.
 */
final class OpenChain {
    private Shape[] shapes = new Shape[4];
    private Slot[] slots = new Slot[4];
    /** The index of the open member of each level; unused for the other shapes (a list's or map's is the last). */
    private int[] openIndexes = new int[4];

    private int levels;
    private Slot leafSlot;
    private StringShape leaf;
    /** Whether the path passes through a set's open item, where open text is copied (see BindContext#sharesText). */
    private boolean inSet;

    /**
     * Records the open path of {@code target}, bound in full from {@code root} and {@code rootSlot}; returns false
     * when the path cannot be replayed (then the chain must not be used).
     */
    boolean record(Shape root, Slot rootSlot, PartialValue target) {
        levels = 0;
        inSet = false;
        Shape shape = root;
        Slot slot = rootSlot;
        PartialValue node = target;
        while (true) {
            if (shape instanceof StringShape string && node instanceof PartialString && !node.isComplete()) {
                leafSlot = slot;
                leaf = string;
                return slot.result instanceof CharSequence;
            }
            if (node.isComplete() || slot.result == Shape.ABSENT) {
                return false;
            }
            if (shape instanceof ObjectShape object && node instanceof PartialObject members) {
                int open = object.openMember(slot, members);
                if (open < 0) {
                    return false;
                }
                push(shape, slot, open);
                shape = object.memberShape(slot, open);
                slot = object.memberSlot(slot, open);
                node = members.valueAt(open);
            } else if (shape instanceof ListShape list && node instanceof PartialArray items) {
                Slot open = list.openItemSlot(slot, items);
                if (open == null) {
                    return false;
                }
                push(shape, slot, -1);
                inSet |= list.isSet();
                shape = list.element();
                slot = open;
                node = items.get(items.size() - 1);
            } else if (shape instanceof OptionalShape optional) {
                Slot inner = optional.contentSlot(slot);
                if (inner == null) {
                    return false;
                }
                push(shape, slot, -1); // the same node, wrapped
                shape = optional.content();
                slot = inner;
            } else if (shape instanceof PolymorphicShape union && union.bindsInPlace()) {
                Slot inner = union.subtypeSlot(slot);
                if (inner == null) {
                    return false;
                }
                // No level of its own: the subtype's value is the union's, and its type id is complete already.
                shape = union.subtype(slot);
                slot = inner;
            } else if (shape instanceof MapShape map && node instanceof PartialObject members) {
                Slot open = map.openMemberSlot(slot, members);
                if (open == null) {
                    return false;
                }
                push(shape, slot, -1);
                shape = map.content();
                slot = open;
                node = members.valueAt(members.size() - 1);
            } else {
                return false;
            }
        }
    }

    /**
     * Returns the partial for {@code snapshot}, which differs from the last one bound only by the text of the open
     * string; {@link Shape#ABSENT} when a level rejects it (a constructor check), for the full pass to report.
     */
    Object replay(PartialValue snapshot, BindContext context) {
        // A String is a fresh copy of the whole text: measured cheaper than extending the last one with String.concat,
        // which allocates the new text's own string first. A CharSequence is the engine's view, without a copy.
        Object text = leafText(snapshot);
        if (text == null) {
            return Shape.ABSENT; // not a growing string after all: bind in full
        }
        // The slots on the path keep the nodes and results of the full pass: the next one sees new nodes there (every
        // snapshot makes new views of its open path) and binds them again. Forgetting the nodes anyway costs little
        // (storing null needs no card mark), unlike storing each new result, which only a setter reads (see rebuild).
        leafSlot.source = null;
        Object value = text;
        for (int level = levels - 1; level >= 0 && value != Shape.ABSENT; level--) {
            Slot slot = slots[level];
            slot.source = null;
            Shape shape = shapes[level];
            if (shape instanceof ObjectShape object) {
                value = object.rebuild(slot, openIndexes[level], value, context);
            } else if (shape instanceof ListShape list) {
                value = list.rebuild(slot, value, context);
            } else if (shape instanceof OptionalShape) {
                value = Optional.ofNullable(value);
            } else {
                value = ((MapShape) shape).rebuild(slot, value, context);
            }
        }
        return value;
    }

    /** Returns the partial value of the open string of {@code snapshot}, or null when none is being written. */
    private Object leafText(PartialValue snapshot) {
        if (!leaf.sharesText() || inSet) {
            return OpenPath.leafText(snapshot);
        }
        return OpenPath.leaf(snapshot) instanceof PartialString open && !open.isComplete() ? open.text() : null;
    }

    private void push(Shape shape, Slot slot, int openIndex) {
        if (levels == shapes.length) {
            shapes = Arrays.copyOf(shapes, levels * 2);
            slots = Arrays.copyOf(slots, levels * 2);
            openIndexes = Arrays.copyOf(openIndexes, levels * 2);
        }
        shapes[levels] = shape;
        slots[levels] = slot;
        openIndexes[levels] = openIndex;
        levels++;
    }
}
