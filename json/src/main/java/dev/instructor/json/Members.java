package dev.instructor.json;

/**
 * An immutable capture of the members of an array or object: of a complete one, or of an open one at the moment of
 * a snapshot. A capture of an open container links to the capture of its enclosing container, so the innermost one
 * reaches every open ancestor.
 *
 * <p>Implementation notes. A snapshot costs O(1): the parser makes a new capture only for a container whose
 * members changed visibly, and the public views ({@link ObjectSnapshot}, {@link ArraySnapshot}) of the open path are
 * made lazily, when a consumer walks down to them (see {@link ContainerSnapshot}). The member arrays are shared
 * with the parser, which only writes beyond {@link #count} or replaces slots after copying the array, so what a
 * capture sees never changes.
 */
final class Members {
    final boolean object;
    /** The capture of the enclosing open container, or null. */
    final Members parent;
    /** Up to this depth, {@link #ancestorAt} follows the parents instead of making the chain. */
    private static final int SHORT_PATH = 6;

    /** 0 for the root container. */
    final int depth;

    final String[] keys;
    final PartialValue[] values;
    /** Complete members. */
    final int count;
    /** Slot of the open child that is shown, or -1; equal to {@code count} when it is a new member. */
    final int openIndex;
    /**
     * The members as written, once a key of the object has repeated; null until then, and for arrays. Holds the count
     * of repeats too, so that a capture is no larger for it.
     */
    final WrittenMembers written;

    /**
     * This capture and its ancestors indexed by depth, made when a consumer first walks down to it. A plain field, as
     * the views' memo is: the array is reached through the final field of {@link Chain}, so a thread that reads the
     * memo through a race sees it whole, and a volatile write here would cost a fence per capture.
     */
    private Chain chain;

    private static final class Chain {
        final Members[] levels;

        Chain(Members[] levels) {
            this.levels = levels;
        }
    }

    Members(
            boolean object,
            Members parent,
            String[] keys,
            PartialValue[] values,
            int count,
            int openIndex,
            WrittenMembers written) {
        this.object = object;
        this.parent = parent;
        this.depth = parent == null ? 0 : parent.depth + 1;
        this.keys = keys;
        this.values = values;
        this.count = count;
        this.openIndex = openIndex;
        this.written = written;
    }

    /** Returns how many members repeated an earlier key, as of this capture. */
    int repeats() {
        return written == null ? 0 : written.repeats;
    }

    /** Returns the number of members shown, the open one included. */
    int size() {
        return openIndex == count ? count + 1 : count;
    }

    /** Returns the capture of the open container at {@code depth} on the path to this one. */
    Members ancestorAt(int depth) {
        if (this.depth <= SHORT_PATH) {
            // On a short path a few steps up the parents cost less than making the chain, which most captures never
            // need again; on a long one, walking it from the root would cost O(depth²) steps.
            Members level = this;
            for (int steps = this.depth - depth; steps > 0; steps--) {
                level = level.parent;
            }
            return level;
        }
        Chain known = chain;
        if (known == null) {
            // Built once per capture, so walking a whole deep open path costs O(depth), not O(depth²).
            Members[] levels = new Members[this.depth + 1];
            for (Members level = this; level != null; level = level.parent) {
                levels[level.depth] = level;
            }
            known = new Chain(levels);
            chain = known; // equal chains if two threads race; either will do
        }
        return known.levels[depth];
    }
}
