package dev.instructor.internal.binding;

import dev.instructor.ValidationException;
import dev.instructor.json.JsonPointer;
import dev.instructor.json.OpenPath;
import dev.instructor.json.PartialObject;
import dev.instructor.json.PartialValue;
import java.util.List;
import tools.jackson.databind.ObjectMapper;

/**
 * One stream's binder: turns each engine snapshot into a value of the response type, unwrapping the provider-side
 * wrapper object, and remembers what it bound so the next snapshot only binds what changed.
 *
 * <h2>Implementation notes</h2>
 * Every position of the document that has been bound owns a {@link Slot}; a slot remembers the engine node bound
 * there last and the Java value it became. The engine reuses the very instance of a completed node in every later
 * snapshot, so a completed subtree is found in its parent's slot by identity and never bound again; a list keeps its
 * completed items in an append-only array shared by all its partials. A snapshot therefore costs the length of its
 * open path (plus the members of the objects on it), not the size of the document.
 *
 * <p>Rules for what cannot be built: an open value that cannot be shown yet (an enum or date still being written, an
 * object whose constructor rejects its partial arguments, a union whose type id has not arrived) is absent — dropped
 * from its list, {@code null} in its object. A complete value Jackson would reject too skips the whole snapshot;
 * the final binding decides. Not thread-safe: one stream, one thread at a time.
 */
public final class PartialBinding {
    /** What {@link #bind} returns when a snapshot gives no partial. */
    public static final Object SKIPPED = new Object();

    private final Shape root;
    private final String wrapperKey;
    private final BindContext context;
    private final ObjectMapper mapper;
    private Slot rootSlot = new Slot();
    /** The wrapper's {@link PartialObject#repeatedKeys()} when last unwrapped. */
    private int wrapperRepeats;

    private PartialValue lastSnapshot;
    private Object lastValue = SKIPPED;
    private List<JsonPointer> lastDropped = List.of();
    private int wrapperIndex;
    /** The instance of the wrapper's member name last seen in a snapshot. */
    private String wrapperKeySeen;
    /** How many leading members of the wrapper {@link #checkBesideWrapped} found complete and free of repeats. */
    private int besideChecked;

    private final OpenChain chain = new OpenChain();
    private boolean chainValid;
    private long replays;

    /**
     * @param factory the shapes' factory, whose mapper supplies Jackson contexts
     * @param root the response type's shape
     * @param wrapperKey the wrapper property, or null when the response type is not wrapped
     */
    public PartialBinding(ShapeFactory factory, Shape root, String wrapperKey) {
        this.root = root;
        this.wrapperKey = wrapperKey;
        this.context = new BindContext(factory);
        this.mapper = factory.mapper();
    }

    /**
     * Binds {@code snapshot}; returns the value, or {@link #SKIPPED} when this snapshot has no partial (see
     * {@link #lastSkipReason()}). The same snapshot instance gives the same result instance.
     */
    public Object bind(PartialValue snapshot) {
        if (snapshot == lastSnapshot) {
            return lastValue;
        }
        PartialValue previous = lastSnapshot;
        lastSnapshot = snapshot;
        if (chainValid && OpenPath.onlyStringGrew(snapshot, previous)) {
            // Most chunks only extend the string being written: rebuild the partial from the levels bound last time.
            Object value = chain.replay(snapshot, context);
            if (value != Shape.ABSENT) {
                replays++;
                lastValue = value;
                return value;
            }
        }
        chainValid = false; // until this pass ends well: whatever it throws, no older path is replayed
        context.beginPass();
        Object value;
        PartialValue target = null;
        try {
            target = unwrap(snapshot);
            value = target == null ? Shape.ABSENT : root.bind(target, rootSlot, context);
        } catch (SkipPartial skip) {
            context.skipped(skip.getMessage());
            value = Shape.ABSENT;
        } catch (UnresolvedReference reference) {
            value = snapshot.isComplete() ? readWhole(snapshot) : Shape.ABSENT;
            if (value == Shape.ABSENT) {
                context.skipped(reference.getMessage());
            }
        }
        lastDropped = context.dropped();
        lastValue = value == Shape.ABSENT ? SKIPPED : value;
        // The chain replays a pass that built every level and left nothing out or unexplained.
        chainValid = value != Shape.ABSENT
                && lastDropped.isEmpty()
                && context.lastReason() == null
                && chain.record(root, rootSlot, target);
        return lastValue;
    }

    /**
     * Returns the complete document read with Jackson as the final binding reads it, or {@link Shape#ABSENT} when
     * Jackson rejects it: for references to identified objects, which only the whole document resolves.
     */
    private Object readWhole(PartialValue snapshot) {
        try {
            return new FinalReader(mapper, root.type(), wrapperKey).read(snapshot.toWrittenJson());
        } catch (ValidationException e) {
            return Shape.ABSENT;
        }
    }

    /** Returns the snapshot {@link #bind} was given last, or null before the first. */
    public PartialValue lastSnapshot() {
        return lastSnapshot;
    }

    /** Returns how many snapshots were bound by replaying the open path rather than in full; for tests. */
    public long replays() {
        return replays;
    }

    /** Returns the user-level pointers of open values the last {@link #bind} left out. */
    public List<JsonPointer> lastDropped() {
        return lastDropped;
    }

    /**
     * Returns the index of the wrapper's member that the last successful {@link #bind} bound, or -1 when the response
     * type is not wrapped or its value was written bare: the node bound is {@code snapshot} itself or its member at
     * that index.
     */
    public int lastTargetMember() {
        return wrapperKey == null || BareValues.isBare(lastSnapshot, wrapperKey) ? -1 : wrapperIndex;
    }

    /** Returns why the latest snapshot was skipped or an open value left out of it, or null. */
    public String lastSkipReason() {
        return context.lastReason();
    }

    /**
     * Skips the snapshot when the final binding rejects the complete wrapper object, whose keys repeat: it reads every
     * occurrence of the wrapped member, as Jackson reads every occurrence of a property, and fails on any it cannot
     * bind, while the snapshot keeps only the last.
     */
    private void checkEveryOccurrence(PartialObject wrapper) {
        try {
            new FinalReader(mapper, root.type(), wrapperKey).read(wrapper.toWrittenJson());
        } catch (ValidationException e) {
            throw new SkipPartial("a repeated member of the wrapper object: " + e.getMessage());
        }
    }

    /**
     * Skips the snapshot when a complete member of the wrapper object beside the wrapped one repeats a member name
     * inside, which Jackson's parser rejects as it reads past it (STRICT_DUPLICATE_DETECTION); each member is searched
     * once, when complete.
     */
    private void checkBesideWrapped(PartialObject wrapper) {
        int size = wrapper.size();
        while (besideChecked < size) {
            PartialValue member = wrapper.valueAt(besideChecked);
            if (!member.isComplete()) {
                return;
            }
            String key = wrapper.keyAt(besideChecked);
            if (!key.equals(wrapperKey) && RepeatedKeys.in(member)) {
                throw RepeatedKeys.rejected("member \"" + key + "\" of the wrapper object");
            }
            besideChecked++;
        }
    }

    /**
     * Returns the node the response type binds: the wrapped member, or the snapshot itself (unwrapped, or a value
     * written bare); null if not started.
     */
    private PartialValue unwrap(PartialValue snapshot) {
        if (wrapperKey == null) {
            return snapshot;
        }
        if (!(snapshot instanceof PartialObject)) {
            return snapshot; // the value written without its wrapper (see BareValues)
        }
        PartialObject wrapper = (PartialObject) snapshot;
        if (context.rejectsRepeatedKeys) {
            checkBesideWrapped(wrapper);
        }
        if (wrapper.repeatedKeys() != wrapperRepeats) {
            if (context.rejectsRepeatedKeys) {
                throw RepeatedKeys.rejected("the wrapper object"); // before the count is taken: again next time
            }
            // The wrapped value may have been replaced by a repeated key: bind it afresh.
            wrapperRepeats = wrapper.repeatedKeys();
            rootSlot = new Slot();
        }
        if (wrapperRepeats != 0 && wrapper.isComplete()) {
            checkEveryOccurrence(wrapper);
        }
        // The member keeps its index once shown, so look it up by name only until it has been found; the engine
        // hands out the same name instance every time, so the name is compared once.
        if (wrapperIndex < wrapper.size()) {
            String key = wrapper.keyAt(wrapperIndex);
            if (key == wrapperKeySeen || key.equals(wrapperKey)) {
                wrapperKeySeen = key;
                return wrapper.valueAt(wrapperIndex);
            }
        }
        PartialValue member = null;
        for (int i = 0; i < wrapper.size(); i++) {
            if (wrapper.keyAt(i).equals(wrapperKey)) {
                wrapperIndex = i;
                member = wrapper.valueAt(i);
                break;
            }
        }
        if (member == null) {
            context.note("member \"" + wrapperKey + "\" not started yet");
        }
        return member;
    }
}
