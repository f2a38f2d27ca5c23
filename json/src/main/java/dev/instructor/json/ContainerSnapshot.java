package dev.instructor.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * What {@link ObjectSnapshot} and {@link ArraySnapshot} share: either a complete container or a lazy view of an open
 * one, whose open child is made on first access and then kept, so that one snapshot always answers with the same
 * child instance, whichever thread asks.
 */
abstract class ContainerSnapshot {
    private static final VarHandle OPEN_CHILD;

    static {
        try {
            OPEN_CHILD = MethodHandles.lookup().findVarHandle(ContainerSnapshot.class, "openChild", PartialValue.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final PartialValue[] values;
    final int size;
    /** Index of the open child, or -1 when every member shown is complete. */
    final int openIndex;

    private final OpenLevel level;
    private final Object leaf;

    @SuppressWarnings("unused") // accessed through OPEN_CHILD
    private PartialValue openChild;

    ContainerSnapshot(PartialValue[] values, int size) {
        this.values = values;
        this.size = size;
        this.openIndex = -1;
        this.level = null;
        this.leaf = null;
    }

    ContainerSnapshot(OpenLevel level, Object leaf) {
        this.values = level.values;
        this.size = level.size();
        this.openIndex = level.openIndex;
        this.level = level;
        this.leaf = leaf;
    }

    /** Returns true when this is the final state of the container. */
    final boolean complete() {
        return level == null;
    }

    final PartialValue value(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " out of bounds for size " + size);
        }
        return index == openIndex ? openChild() : values[index];
    }

    private PartialValue openChild() {
        PartialValue child = (PartialValue) OPEN_CHILD.getAcquire(this);
        if (child == null) {
            child = OpenLevel.openChild(level, leaf);
            PartialValue winner = (PartialValue) OPEN_CHILD.compareAndExchangeRelease(this, null, child);
            if (winner != null) {
                child = winner;
            }
        }
        return child;
    }
}
