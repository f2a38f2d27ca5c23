package dev.instructor.json;

/**
 * What {@link ObjectSnapshot} and {@link ArraySnapshot} share: a complete container, or a lazy view of an open one.
 *
 * <p>Implementation notes. A snapshot of an open document allocates just its root view, which records the tip of
 * the open path: the innermost open container and, when a string is being written there, that string's buffer and
 * visible length. Every other node of the open path is made when a consumer first asks for it, from the tip's
 * {@link Members#ancestorAt ancestors}, and is then kept, so that a snapshot answers a thread with the same
 * instance every time. The memo is a plain field, as {@code String}'s hash is: views have only final fields, so a
 * view read through a race is still whole, and two threads racing on the same open node may at worst each make an
 * equal instance (a compare-and-set per node would cost more than the node). Complete members are shared, never
 * copied.
 */
abstract class ContainerSnapshot {
    final Members members;
    /**
     * What this view is, in one field to keep views small (a snapshot allocates its root view): null for a complete
     * container; for the root view of a snapshot, the {@link Members} of the innermost open container; for any
     * other open view, the root view of the snapshot it belongs to.
     */
    private final Object link;
    // Set in a root view only: the string open inside the innermost open container (or null), and its length.
    private final char[] string;
    private final int stringLength;

    /** The open child once made; see the class comment. */
    private PartialValue openChild;

    /** A complete container. */
    ContainerSnapshot(Members members) {
        this(members, null, null, 0);
    }

    /** A view of an open container below the root of a snapshot. */
    ContainerSnapshot(Members members, ContainerSnapshot root) {
        this(members, root, null, 0);
    }

    /** The root view of a snapshot whose open path ends at {@code deepest}, in an open string or not. */
    ContainerSnapshot(Members root, Members deepest, char[] string, int stringLength) {
        this(root, (Object) deepest, string, stringLength);
    }

    private ContainerSnapshot(Members members, Object link, char[] string, int stringLength) {
        this.members = members;
        this.link = link;
        this.string = string;
        this.stringLength = stringLength;
    }

    /** Returns the root view of a snapshot; see {@link ContainerSnapshot}. */
    static PartialValue root(Members root, Members deepest, char[] string, int stringLength) {
        return root.object
                ? new ObjectSnapshot(root, deepest, string, stringLength)
                : new ArraySnapshot(root, deepest, string, stringLength);
    }

    /** Returns the final state of a complete container. */
    static PartialValue complete(Members members) {
        return members.object ? new ObjectSnapshot(members) : new ArraySnapshot(members);
    }

    /** Returns the number of members shown; implements {@code size()} of both public interfaces. */
    public final int size() {
        return members.size();
    }

    /** Returns true when this is the final state of the container. */
    final boolean complete() {
        return link == null;
    }

    final PartialValue value(int index) {
        Members m = members;
        int size = m.size();
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " out of bounds for size " + size);
        }
        return index == m.openIndex ? openChild() : m.values[index];
    }

    private PartialValue openChild() {
        PartialValue child = openChild;
        if (child == null) {
            child = openChild = makeOpenChild();
        }
        return child;
    }

    /**
     * Returns true when this root view and {@code earlier} differ at most in the length of the string being written
     * at the end of the open path; see {@link OpenPath#onlyStringGrew}.
     */
    final boolean onlyStringGrewFrom(ContainerSnapshot earlier) {
        // The innermost capture is made anew whenever any container on the path changes visibly (see Members), so
        // one identity test covers the whole path; an open string there is then the same one, as opening or
        // completing a string changes its container.
        return link instanceof Members
                && link == earlier.link
                && string != null
                && stringLength >= earlier.stringLength;
    }

    /** Returns the text of the string being written at the end of the open path; see {@link OpenPath#leafText}. */
    final String openLeafText() {
        if (link instanceof Members && string != null) {
            return new String(string, 0, stringLength);
        }
        return OpenPath.leaf((PartialValue) this) instanceof StringSnapshot text && !text.isComplete()
                ? text.value()
                : null;
    }

    /** Returns the value at the end of the open path below this view; see {@link OpenPath#leaf}. */
    final PartialValue openLeaf() {
        if (link instanceof Members && string != null && members != link) {
            // Skips the views in between: a consumer that asks for the leaf does not walk to it.
            return new StringSnapshot(string, stringLength, false);
        }
        PartialValue node = (PartialValue) this;
        while (node instanceof ContainerSnapshot container) {
            Members m = container.members;
            if (container.complete() || m.openIndex < 0) {
                return node;
            }
            node = container.value(m.openIndex);
        }
        return node;
    }

    private PartialValue makeOpenChild() {
        Object link = this.link;
        ContainerSnapshot root = link instanceof Members ? this : (ContainerSnapshot) link;
        Members deepest = (Members) root.link;
        if (members == deepest) {
            return new StringSnapshot(root.string, root.stringLength, false);
        }
        Members child = deepest.ancestorAt(members.depth + 1);
        return child.object ? new ObjectSnapshot(child, root) : new ArraySnapshot(child, root);
    }
}
