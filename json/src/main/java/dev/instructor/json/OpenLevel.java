package dev.instructor.json;

/**
 * An immutable capture of one open array or object on the path being written: its complete members and whether a
 * visible child is still open. Captures link to the capture of the enclosing container, so the innermost one (the
 * "leaf" of a snapshot) reaches every open ancestor.
 *
 * <p>Implementation notes. A snapshot costs O(1): the parser makes a new capture only for a container whose visible
 * members changed, and the public views ({@link ObjectSnapshot}, {@link ArraySnapshot}) of the open path are made
 * lazily, when a consumer walks down to them. The member arrays are shared with the parser, which only appends
 * beyond {@link #count} or replaces slots after copying the array, so what a capture sees never changes.
 */
final class OpenLevel {
    final boolean object;
    final OpenLevel parent;
    /** 0 for the root container. */
    final int depth;

    final String[] keys;
    final PartialValue[] values;
    /** Complete members shown. */
    final int count;
    /** Slot of the open child that is shown, or -1; equal to {@code count} when it is a new member. */
    final int openIndex;

    /** This capture and its ancestors indexed by depth, made when a consumer first walks down to it. */
    private volatile OpenLevel[] chain;

    OpenLevel(boolean object, OpenLevel parent, String[] keys, PartialValue[] values, int count, int openIndex) {
        this.object = object;
        this.parent = parent;
        this.depth = parent == null ? 0 : parent.depth + 1;
        this.keys = keys;
        this.values = values;
        this.count = count;
        this.openIndex = openIndex;
    }

    /** Returns the number of members a view of this capture shows, the open one included. */
    int size() {
        return openIndex == count ? count + 1 : count;
    }

    /** Returns a fresh public view of {@code level} as seen by the snapshot whose innermost node is {@code leaf}. */
    static PartialValue view(OpenLevel level, Object leaf) {
        return level.object ? new ObjectSnapshot(level, leaf) : new ArraySnapshot(level, leaf);
    }

    /**
     * Returns the open child of {@code level} in the snapshot whose innermost node is {@code leaf}: the leaf string
     * itself, or a view of the next capture down the chain.
     */
    static PartialValue openChild(OpenLevel level, Object leaf) {
        OpenLevel deepest;
        if (leaf instanceof StringSnapshot string) {
            if (string.parent == level) {
                return string;
            }
            deepest = string.parent;
        } else {
            deepest = (OpenLevel) leaf;
        }
        return view(deepest.chain()[level.depth + 1], leaf);
    }

    /** Returns the ancestors by depth; walking a whole open path thus costs O(depth), not O(depth²). */
    private OpenLevel[] chain() {
        OpenLevel[] levels = chain;
        if (levels == null) {
            levels = new OpenLevel[depth + 1];
            for (OpenLevel level = this; level != null; level = level.parent) {
                levels[level.depth] = level;
            }
            chain = levels; // equal arrays if two threads race; either will do
        }
        return levels;
    }
}
