package dev.instructor.json;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The value being built: the stack of open containers, the completed root, and what the parser reports about them
 * (snapshots, completed paths, the active path). The state machine drives it with one call per structural event.
 *
 * <p>Implementation notes. Work per event is O(1) amortised, so that the cost of a feed stays proportional to its
 * length. A snapshot is O(1) too: it re-captures only the containers that changed visibly since the last snapshot
 * (see {@link Members}), each of which took an event to change, and reuses the previous snapshot when nothing
 * visible changed. Completions are logged as (enclosing location, segment) pairs; pointers are built on demand.
 */
final class ValueTree {
    private static final int CLEAN = Integer.MAX_VALUE;

    private Frame[] frames = new Frame[8];
    /** Open containers. */
    private int depth;

    private PartialValue root;

    /**
     * Whether anything visible changed since the last snapshot. The short feed path does not set it when it only
     * appends to the open string: the snapshot sees that by comparing the string's length with {@link
     * #shownStringLength}.
     */
    boolean changed;
    /** The shallowest frame whose capture is stale, or {@link #CLEAN}. */
    private int minDirty = CLEAN;

    /** The value shown last, or null before anything was shown. */
    private PartialValue shown;
    /** {@link #shown} wrapped, once asked for; see {@link #wrap}. */
    private Optional<PartialValue> shownWrapped = Optional.empty();
    /**
     * The captures of the outermost and the innermost open container, valid while {@link #minDirty} is
     * {@link #CLEAN} (every change of depth marks a frame dirty).
     */
    private Members rootLevel;

    private Members tipLevel;
    /** The length shown of the open string, or -1 when none has been shown. */
    int shownStringLength = -1;

    private PathNode[] logParents = new PathNode[8];
    private String[] logKeys = new String[8];
    private int[] logIndexes = new int[8];
    private int logSize;
    /** Whether the log holds the current feed's completions; false from the start of a feed to its first. */
    boolean logCurrent;

    private List<JsonPointer> completedPaths;

    private static final Optional<JsonPointer> ROOT_PATH = Optional.of(JsonPointer.root());
    /** The last active path, and what it was made of (the container's location and the open child in it). */
    private Optional<JsonPointer> active = Optional.empty();

    private PathNode activeContainer;
    private String activeKey;
    private int activeIndex;
    private boolean activeChildOpen;

    int depth() {
        return depth;
    }

    PartialValue root() {
        return root;
    }

    boolean innermostIsObject() {
        return frames[depth - 1].object;
    }

    void startContainer(boolean object) {
        if (depth > 0) {
            frames[depth - 1].openChild();
            dirty(depth - 1);
        }
        if (depth == frames.length) {
            frames = Arrays.copyOf(frames, depth * 2);
        }
        Frame frame = frames[depth];
        if (frame == null) {
            frame = frames[depth] = new Frame();
        }
        frame.reset(object);
        dirty(depth);
        depth++;
        changed = true;
    }

    void key(String key) {
        frames[depth - 1].pendingKey = key;
    }

    void startString() {
        if (depth > 0) {
            frames[depth - 1].openChild();
            dirty(depth - 1);
        }
        shownStringLength = -1;
        changed = true;
    }

    void complete(PartialValue value) {
        logCompletion();
        if (depth == 0) {
            root = value;
        } else {
            frames[depth - 1].completeChild(value);
            dirty(depth - 1);
        }
        shownStringLength = -1;
        changed = true;
    }

    void closeContainer() {
        PartialValue done = frames[depth - 1].close();
        depth--;
        if (minDirty >= depth) {
            minDirty = CLEAN;
        }
        complete(done);
    }

    /** Returns the value shown last, or null before anything was shown. */
    PartialValue lastSnapshot() {
        return shown;
    }

    /**
     * Returns {@code value}, the value shown last, as an {@code Optional}: the same instance while the value stays
     * the same. Made on demand, so that a caller that takes the value itself ({@link PartialJsonParser#current()})
     * allocates nothing but the value.
     */
    Optional<PartialValue> wrap(PartialValue value) {
        if (value == null) {
            return Optional.empty();
        }
        Optional<PartialValue> wrapped = shownWrapped;
        if (wrapped.isEmpty() || wrapped.get() != value) {
            shownWrapped = wrapped = Optional.of(value);
        }
        return wrapped;
    }

    /**
     * Returns the snapshot when nothing but the open string changed since the last one (which showed that string):
     * no container needs a new capture.
     */
    PartialValue grownStringSnapshot(char[] string, int stringLength) {
        int visible = stringLength;
        if (visible == shownStringLength) {
            return shown;
        }
        // Never show half a surrogate pair: its second half may be in the next chunk or escape.
        if (Character.isHighSurrogate(string[visible - 1]) && --visible == shownStringLength) {
            return shown;
        }
        shownStringLength = visible;
        return shown = depth == 0
                ? new StringSnapshot(string, visible, false)
                : ContainerSnapshot.root(rootLevel, tipLevel, string, visible);
    }

    /**
     * Returns the value as far as it has arrived, re-capturing what changed visibly since the last one.
     *
     * @param string the buffer of the open string value, if {@code stringOpen}
     * @param stringLength its length
     * @param stringOpen whether a string value is open at the innermost position
     */
    PartialValue snapshot(char[] string, int stringLength, boolean stringOpen) {
        changed = false;
        if (root != null) {
            return shown = root;
        }
        if (!stringOpen) {
            if (depth == 0) {
                return shown; // nothing shown yet, or a top-level number or literal on its way
            }
            recapture();
            return shown = ContainerSnapshot.root(rootLevel, tipLevel, null, 0);
        }
        int visible = stringLength;
        // Never show half a surrogate pair: its second half may be in the next chunk or escape.
        if (visible > 0 && Character.isHighSurrogate(string[visible - 1])) {
            visible--;
        }
        if (minDirty == CLEAN && visible == shownStringLength) {
            return shown;
        }
        shownStringLength = visible;
        if (depth == 0) {
            return shown = new StringSnapshot(string, visible, false);
        }
        recapture();
        return shown = ContainerSnapshot.root(rootLevel, tipLevel, string, visible);
    }

    /** Makes new captures of the containers that changed visibly, from the shallowest down. */
    private void recapture() {
        if (minDirty == CLEAN) {
            return;
        }
        Members parent = minDirty == 0 ? null : frames[minDirty - 1].level;
        for (int d = minDirty; d < depth; d++) {
            parent = frames[d].level = frames[d].capture(parent);
        }
        rootLevel = frames[0].level;
        tipLevel = parent;
        minDirty = CLEAN;
    }

    /**
     * Starts a new feed. The log is emptied lazily, by the feed's first completion, so that a feed that completes
     * nothing (most model tokens) costs one store here.
     */
    void beginFeed() {
        logCurrent = false;
    }

    List<JsonPointer> completedPaths() {
        if (!logCurrent) {
            return List.of();
        }
        List<JsonPointer> paths = completedPaths;
        if (paths == null) {
            List<JsonPointer> list = new ArrayList<>(logSize);
            for (int i = 0; i < logSize; i++) {
                PathNode parent = logParents[i];
                list.add(
                        parent == null
                                ? JsonPointer.root()
                                : new PathNode(parent, logKeys[i], logIndexes[i]).toPointer());
            }
            paths = completedPaths = Collections.unmodifiableList(list);
        }
        return paths;
    }

    /**
     * Returns the location of the value being written.
     *
     * @param childOpen whether a string, number or literal has started inside the innermost container (or as the
     *     root) and is not complete
     */
    Optional<JsonPointer> activePath(boolean childOpen) {
        if (root != null || (depth == 0 && !childOpen)) {
            return Optional.empty();
        }
        if (depth == 0) {
            return ROOT_PATH;
        }
        PathNode container = path(depth - 1);
        Frame frame = frames[depth - 1];
        String key = childOpen && frame.object ? frame.pendingKey : null;
        int index = childOpen && !frame.object ? frame.count : -1;
        // Most calls follow a chunk that only extended the value being written: the path is the one made last time.
        if (container != activeContainer || key != activeKey || index != activeIndex || childOpen != activeChildOpen) {
            activeContainer = container;
            activeKey = key;
            activeIndex = index;
            activeChildOpen = childOpen;
            JsonPointer pointer = childOpen
                    ? new PathNode(container, key, frame.object ? -1 : index).toPointer()
                    : container.toPointer();
            active = Optional.of(pointer);
        }
        return active;
    }

    private void dirty(int frameDepth) {
        if (frameDepth < minDirty) {
            minDirty = frameDepth;
        }
    }

    private void logCompletion() {
        if (!logCurrent) {
            // Entries of earlier feeds are overwritten, not cleared: they hold one feed's worth of small objects.
            logCurrent = true;
            logSize = 0;
            completedPaths = null;
        }
        if (logSize == logParents.length) {
            int capacity = logSize * 2;
            logParents = Arrays.copyOf(logParents, capacity);
            logKeys = Arrays.copyOf(logKeys, capacity);
            logIndexes = Arrays.copyOf(logIndexes, capacity);
        }
        if (depth == 0) {
            logParents[logSize] = null;
        } else {
            Frame frame = frames[depth - 1];
            logParents[logSize] = path(depth - 1);
            logKeys[logSize] = frame.object ? frame.pendingKey : null;
            logIndexes[logSize] = frame.count;
        }
        logSize++;
    }

    /** Returns the location of the container at {@code frameDepth}, making the missing links of the chain. */
    private PathNode path(int frameDepth) {
        int known = frameDepth;
        while (known >= 0 && frames[known].path == null) {
            known--;
        }
        for (int d = known + 1; d <= frameDepth; d++) {
            if (d == 0) {
                frames[0].path = PathNode.ROOT;
            } else {
                Frame parent = frames[d - 1];
                frames[d].path = new PathNode(parent.path, parent.object ? parent.pendingKey : null, parent.count);
            }
        }
        return frames[frameDepth].path;
    }
}
