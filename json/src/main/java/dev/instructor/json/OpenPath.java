package dev.instructor.json;

/**
 * Compares a snapshot's open path with an earlier snapshot's, for consumers that rebuild something of their own
 * after every chunk (a typed object, a rendering, a delta) and want that work proportional to what changed.
 *
 * <p>The open path of a snapshot runs from the root through every open container to the value being written. Most
 * chunks of model output land inside a string and only extend it: then every container on the path shows what it
 * showed before apart from that string, and a consumer that kept what it built from the earlier snapshot can take
 * the string's new text from {@link #leaf} and skip walking the path.
 *
 * <pre>{@code
 * PartialValue snapshot = parser.snapshot().orElseThrow();
 * if (previous != null && OpenPath.onlyStringGrew(snapshot, previous)) {
 *     PartialString text = (PartialString) OpenPath.leaf(snapshot);
 *     shown = shown.concat(text.valueFrom(shown.length()));
 * } else {
 *     // walk the snapshot from its root
 * }
 * previous = snapshot;
 * }</pre>
 *
 * <p>Both methods cost O(1) for the common case above.
 */
public final class OpenPath {
    private OpenPath() {}

    /**
     * Returns true when {@code snapshot} differs from {@code earlier}, an earlier snapshot of the same parser, at most
     * in the length of the string being written at the end of the open path. Then every container on the open path
     * shows the same members as in {@code earlier} (the same complete values, the open member at the same position),
     * and the value being written is the same string in both, not shorter in {@code snapshot}.
     *
     * <p>Returns false whenever that is not certain: a container changed, the string completed, another string
     * started, no string is being written, either snapshot is complete, or they come from different parsers. For a
     * string at the top level (no container) it may also return false now and then while the string only grew.
     *
     * @param snapshot a snapshot returned by {@link PartialJsonParser#snapshot()}
     * @param earlier a snapshot returned earlier by the same parser's {@link PartialJsonParser#snapshot()}
     */
    public static boolean onlyStringGrew(PartialValue snapshot, PartialValue earlier) {
        if (snapshot instanceof ContainerSnapshot now) {
            return earlier instanceof ContainerSnapshot before && now.onlyStringGrewFrom(before);
        }
        return snapshot instanceof StringSnapshot now
                && earlier instanceof StringSnapshot before
                && now.grewFrom(before);
    }

    /**
     * Returns how many open containers, from the root down the open path of {@code snapshot}, show the same members as
     * in {@code earlier}, an earlier snapshot of the same parser, apart from their open member, which is at the same
     * position in both. A consumer can keep what it built for those containers and redo only the part of the path
     * below them, starting at {@link #openNode openNode(snapshot, sharedDepth)}.
     *
     * <p>Returns 0 when nothing is certain to be shared: the root changed, either snapshot is complete or not a
     * container, or they come from different parsers. Returns {@link #depth depth(snapshot)} when every container is
     * shared; then the open string, if any, is the same one (see {@link #onlyStringGrew}).
     *
     * @param snapshot a snapshot returned by {@link PartialJsonParser#snapshot()}
     * @param earlier a snapshot returned earlier by the same parser's {@link PartialJsonParser#snapshot()}
     */
    public static int sharedDepth(PartialValue snapshot, PartialValue earlier) {
        return snapshot instanceof ContainerSnapshot now && earlier instanceof ContainerSnapshot before
                ? now.sharedDepthWith(before)
                : 0;
    }

    /**
     * Returns the number of open containers on the open path of {@code snapshot}: 0 when it is complete or not a
     * container.
     *
     * @param snapshot a snapshot returned by {@link PartialJsonParser#snapshot()}
     */
    public static int depth(PartialValue snapshot) {
        return snapshot instanceof ContainerSnapshot root ? root.sharedDepthWith(root) : 0;
    }

    /**
     * Returns the open container at {@code depth} of the open path of {@code snapshot}: the snapshot itself at 0, its
     * open member at 1, and so on. The views between the root and that container are not made, so the result may be a
     * different instance from the one reached by walking, with the same content.
     *
     * @param snapshot a snapshot returned by {@link PartialJsonParser#snapshot()}, not complete
     * @param depth from 0 to {@code depth(snapshot) - 1}
     * @throws IndexOutOfBoundsException when {@code depth} is out of range
     */
    public static PartialValue openNode(PartialValue snapshot, int depth) {
        int containers = depth(snapshot);
        if (depth < 0 || depth >= containers) {
            throw new IndexOutOfBoundsException("depth " + depth + " out of bounds for open depth " + containers);
        }
        return ((ContainerSnapshot) snapshot).openContainerAt(depth);
    }

    /**
     * Returns the value at the end of the open path of {@code snapshot}: the string being written in the innermost
     * open container, or that container when no string is being written in it. Returns {@code snapshot} itself when
     * it is complete or is a string being written at the top level.
     *
     * <p>The views between the root and the string are not made: a string returned here may be a different instance
     * from the one reached by walking the snapshot, with the same content.
     *
     * @param snapshot a snapshot returned by {@link PartialJsonParser#snapshot()}
     */
    public static PartialValue leaf(PartialValue snapshot) {
        return snapshot instanceof ContainerSnapshot root ? root.openLeaf() : snapshot;
    }
}
