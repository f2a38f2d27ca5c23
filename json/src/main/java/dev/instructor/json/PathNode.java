package dev.instructor.json;

/**
 * A location in the document as a chain of segments to the root, shared by every location below it: recording
 * where a value completed costs one small object, and the {@link JsonPointer} is built only when asked for.
 */
final class PathNode {
    static final PathNode ROOT = new PathNode(null, null, -1);

    final PathNode parent;
    /** The member name, or null for an array index. */
    final String key;

    final int index;

    PathNode(PathNode parent, String key, int index) {
        this.parent = parent;
        this.key = key;
        this.index = index;
    }

    JsonPointer toPointer() {
        int depth = 0;
        for (PathNode node = this; node.parent != null; node = node.parent) {
            depth++;
        }
        String[] segments = new String[depth];
        for (PathNode node = this; node.parent != null; node = node.parent) {
            segments[--depth] = node.key != null ? node.key : Integer.toString(node.index);
        }
        return JsonPointer.ofOwned(segments);
    }
}
