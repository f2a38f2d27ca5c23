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
 * <p>Each method costs O(1) for the common case above.
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
     * Returns the value at the end of the open path of {@code snapshot}: the string being written in the innermost
     * open container, or that container when no string is being written in it. Returns {@code snapshot} itself when
     * it is complete or is a string being written at the top level.
     *
     * <p>The views between the root and the string are not made: a string returned here is usually a new instance on
     * every call, not the one reached by walking the snapshot, with the same content.
     *
     * @param snapshot a snapshot returned by {@link PartialJsonParser#snapshot()}
     */
    public static PartialValue leaf(PartialValue snapshot) {
        return snapshot instanceof ContainerSnapshot root ? root.openLeaf() : snapshot;
    }

    /**
     * Returns the text of the string being written at the end of the open path of {@code snapshot}, as {@code
     * ((PartialString) leaf(snapshot)).value()} does when {@link #leaf} is such a string, without making the string's
     * node; {@code null} when no string is being written there (a complete snapshot included).
     *
     * @param snapshot a snapshot returned by {@link PartialJsonParser#snapshot()}
     */
    public static String leafText(PartialValue snapshot) {
        if (snapshot instanceof ContainerSnapshot root) {
            return root.openLeafText();
        }
        return snapshot instanceof StringSnapshot text && !text.isComplete() ? text.value() : null;
    }
}
