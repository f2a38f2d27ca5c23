package dev.instructor.internal.binding;

import dev.instructor.json.OpenPath;
import dev.instructor.json.PartialArray;
import dev.instructor.json.PartialObject;
import dev.instructor.json.PartialString;
import dev.instructor.json.PartialValue;
import java.util.Arrays;

/**
 * The open path of the last snapshot bound, as the shapes and slots that bound it, so that the next snapshot is bound
 * from where it changed rather than from the root.
 *
 * <p>The path is a run of <em>rebuildable</em> levels (records and beans, lists) ending at a <em>terminal</em> level:
 * the string being written, or the first value of another kind (an {@code Optional}, a union, a map, a number, a
 * container without an open member). {@link OpenPath#sharedDepth} says how many containers from the root are
 * unchanged apart from their open member; the first level that changed (or the terminal, if that comes first) is
 * bound again as a full pass would bind it, and each level above it is rebuilt around its new open member from what
 * it bound last time: new instances, the same settled arguments and completed items. Most chunks only extend the open
 * string: then only the string is copied and the instances above it are made anew.
 *
 * <p>A level that cannot be rebuilt (a constructor rejects the new member) or a rebind that leaves something out or
 * skips the snapshot makes {@link #replay} give up; the caller then binds the snapshot in full, which reports why.
 */
final class OpenChain {
    /** What {@link #replay} returns when the snapshot must be bound in full. */
    static final Object FULL_PASS = new Object();

    private Shape[] shapes = new Shape[4];
    private Slot[] slots = new Slot[4];
    /** The index of each rebuildable object level's open member, or -1 for a list level. */
    private int[] openMembers = new int[4];
    /** The JSON path segment of each level's open member, pushed on the context when a deeper level is rebound. */
    private String[] keys = new String[4];

    private int[] indexes = new int[4];
    /** The terminal level; the levels before it are rebuildable. */
    private int terminal = -1;
    /** Whether the terminal is the string being written rather than an open container. */
    private boolean terminalIsLeaf;
    /** Whether the terminal is a string being written into a {@code String}, the case {@link #replay} takes directly. */
    private boolean terminalIsText;
    /** Open containers of the snapshot above the bound value: 1 for the provider's wrapper object, otherwise 0. */
    private final int wrapperDepth;

    OpenChain(boolean wrapped) {
        this.wrapperDepth = wrapped ? 1 : 0;
    }

    /** Forgets the path: the next snapshot is bound in full. */
    void clear() {
        terminal = -1;
    }

    /** Records the open path of {@code target}, just bound in full from {@code root} and {@code rootSlot}. */
    void record(Shape root, Slot rootSlot, PartialValue target) {
        recordFrom(0, root, rootSlot, target);
    }

    /**
     * Returns the partial for {@code snapshot}, the parser's next snapshot after {@code previous} (the last one bound),
     * bound from the first level that changed; {@link #FULL_PASS} when it must be bound in full instead.
     */
    Object replay(PartialValue snapshot, PartialValue previous, BindContext context) {
        if (terminal < 0) {
            return FULL_PASS;
        }
        int shared = OpenPath.sharedDepth(snapshot, previous) - wrapperDepth;
        if (shared < 0) {
            return FULL_PASS;
        }
        int level = Math.min(shared, terminal);
        boolean leaf = level == terminal && terminalIsLeaf;
        if (!leaf && level + wrapperDepth >= OpenPath.depth(snapshot)) {
            return FULL_PASS; // not expected: a shared container is on the path of both
        }
        PartialValue node = leaf ? OpenPath.leaf(snapshot) : OpenPath.openNode(snapshot, level + wrapperDepth);
        Object value;
        if (leaf && terminalIsText && node instanceof PartialString text && !text.isComplete()) {
            // The common case, kept direct: the string being written grew. A fresh copy of the whole text measured
            // cheaper than extending the last one with String.concat.
            value = text.value();
            slots[level].result = value;
            slots[level].source = null; // this node is not the one a walk would meet; never match it by identity
        } else {
            value = rebind(level, node, context);
            if (value == FULL_PASS) {
                return FULL_PASS;
            }
            recordFrom(level, shapes[level], slots[level], node);
        }
        for (int above = level - 1; above >= 0 && value != Shape.ABSENT; above--) {
            Slot slot = slots[above];
            value = shapes[above] instanceof ObjectShape object
                    ? object.rebuild(slot, openMembers[above], value, context)
                    : ((ListShape) shapes[above]).rebuild(slot, value);
            slot.result = value;
            slot.source = null;
        }
        if (value == Shape.ABSENT) {
            terminal = -1;
            return FULL_PASS;
        }
        return value;
    }

    /** Binds {@code node} at {@code level} as a full pass would, or returns {@link #FULL_PASS} if that pass must run. */
    private Object rebind(int level, PartialValue node, BindContext context) {
        context.beginPass();
        for (int i = 0; i < level; i++) {
            if (keys[i] != null) {
                context.push(keys[i]);
            } else {
                context.push(indexes[i]);
            }
        }
        Object value;
        try {
            value = shapes[level].bind(node, slots[level], context);
        } catch (SkipPartial skip) {
            value = Shape.ABSENT;
        }
        if (value == Shape.ABSENT || !context.dropped().isEmpty() || context.lastReason() != null) {
            terminal = -1;
            return FULL_PASS;
        }
        return value;
    }

    /** Records the open path below {@code level}, whose shape, slot and node are given; the levels above are kept. */
    private void recordFrom(int level, Shape shape, Slot slot, PartialValue node) {
        int at = level;
        while (true) {
            ensureCapacity(at);
            shapes[at] = shape;
            slots[at] = slot;
            if (node.isComplete() || slot.result == Shape.ABSENT) {
                break;
            }
            if (shape instanceof ObjectShape object && node instanceof PartialObject members) {
                int open = object.openMember(slot, members);
                if (open < 0) {
                    break;
                }
                openMembers[at] = open;
                keys[at] = members.keyAt(open);
                shape = object.memberShape(slot, open);
                slot = object.memberSlot(slot, open);
                node = members.valueAt(open);
            } else if (shape instanceof ListShape list && node instanceof PartialArray items) {
                Slot open = list.openItemSlot(slot, items);
                if (open == null) {
                    break;
                }
                openMembers[at] = -1;
                keys[at] = null;
                indexes[at] = items.size() - 1;
                shape = list.element();
                slot = open;
                node = items.get(items.size() - 1);
            } else {
                break;
            }
            at++;
        }
        terminal = at;
        terminalIsLeaf = node instanceof PartialString && !node.isComplete();
        terminalIsText = terminalIsLeaf && shape instanceof StringShape;
    }

    private void ensureCapacity(int level) {
        if (level == shapes.length) {
            int capacity = level * 2;
            shapes = Arrays.copyOf(shapes, capacity);
            slots = Arrays.copyOf(slots, capacity);
            openMembers = Arrays.copyOf(openMembers, capacity);
            keys = Arrays.copyOf(keys, capacity);
            indexes = Arrays.copyOf(indexes, capacity);
        }
    }
}
