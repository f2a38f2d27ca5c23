package dev.instructor.internal.binding;

import dev.instructor.json.JsonType;
import dev.instructor.json.PartialObject;
import dev.instructor.json.PartialValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JavaType;

/**
 * A {@code Map<String, V>}: members in written order, each completed value bound once and kept in a store that all
 * partials of the map share (a {@link PrefixMap} view, O(1) per partial), plus the member still being written. An open
 * value that cannot be shown yet is left out. A complete value of another kind is read by Jackson, which may coerce it.
 * A concrete map class ({@code HashMap}, {@code TreeMap}) gets a copy instead of a view, in each partial where it
 * changed (see {@link ConcreteCopies}).
 *
 * <p>A map keyed by an enum is such a copy (an {@code EnumMap}, which Jackson makes for a {@code Map<Day, V>} too),
 * each member under the constant Jackson reads its name as, read once (see {@link EnumKeys}). Where Jackson keeps fewer
 * entries than members (two names read as one constant, a name read as none, a repeated name), the written positions
 * no longer line up with the entries: such a map is shown once complete, read by Jackson.
 */
public final class MapShape extends Shape {
    /** Reads a complete value of another kind than an object, which Jackson may still accept (as null, say). */
    private final TextReader otherKinds;
    /** What Jackson makes of a null value, when not a plain null; {@code null} otherwise, the common case. */
    private final NullItems nullValues;
    /** The concrete class the entries are copied into ({@code HashMap}, {@code TreeMap}), or null for a view. */
    private final ConcreteCopies concrete;
    /** Reads the keys of a map keyed by an enum; null when the keys are the written names, the common case. */
    private final EnumKeys keys;

    private Shape content;

    MapShape(JavaType type, TextReader otherKinds, NullItems nullValues, ConcreteCopies concrete, EnumKeys keys) {
        super(type);
        this.otherKinds = otherKinds;
        this.nullValues = nullValues;
        this.concrete = concrete;
        this.keys = keys;
    }

    /** Returns true when the map's keys are the names written, not the enum constants Jackson reads them as. */
    public boolean keysAsWritten() {
        return keys == null;
    }

    /** Returns a member name Jackson reads as a key of this map, for a document that probes how it reads a value. */
    String sampleName() {
        return keys == null ? "k" : keys.sample();
    }

    /** Returns true when Jackson leaves null values out, so the members written may outnumber the entries. */
    public boolean skipsNullValues() {
        return nullValues != null && nullValues.skips();
    }

    /** Returns true when Jackson holds a null value as its shape binds it: not skipped, replaced or rejected. */
    public boolean keepsNullValues() {
        return nullValues == null;
    }

    void content(Shape content) {
        this.content = content;
    }

    /**
     * Returns a shape of the same map type whose values are bound by {@code content}, and whose other kinds of value
     * and null values are read as the given readers say: a property's own, when its annotations change how Jackson
     * reads the map ({@code @JsonSetter(contentNulls)}, {@code @JsonFormat}).
     */
    MapShape reading(TextReader otherKinds, NullItems nullValues, Shape content) {
        MapShape shape = new MapShape(type, otherKinds, nullValues, concrete, keys);
        shape.content(content);
        return shape;
    }

    /** Returns the shape of the values. */
    public Shape content() {
        return content;
    }

    @Override
    public boolean showsIncomplete() {
        return true;
    }

    @Override
    public Shape child(PartialValue value, String segment) {
        return content;
    }

    /** The entries of one map position across snapshots. */
    private static final class State {
        final PrefixMap.Store settled = new PrefixMap.Store();
        /** The slot of the member still being written, at {@link #openIndex}; the memo of its value. */
        Slot open;

        int openIndex = -1;
        /** The key of the member at {@link #openIndex}: its name, or the constant Jackson reads it as. */
        Object openKey;
        /** Whether the members no longer line up with the entries Jackson keeps (see the class comment). */
        boolean wholeOnly;
        /** Why Jackson rejects a key written, once one is: every later snapshot of the map is skipped for it. */
        String rejectedKey;
        /** The object's {@link PartialObject#repeatedKeys()} when the settled entries were taken. */
        int repeats;
        /** The copy made last, for a concrete class; null for a view. */
        ConcreteCopies.Memo copied;

        ConcreteCopies.Memo copied() {
            if (copied == null) {
                copied = new ConcreteCopies.Memo();
            }
            return copied;
        }
    }

    @Override
    Object bindValue(PartialValue value, Slot slot, BindContext context) {
        if (!(value instanceof PartialObject)) {
            if (value.type() == JsonType.NULL) {
                return bindNull();
            }
            return value.isComplete() ? TextReader.readComplete(otherKinds, value, type) : ABSENT;
        }
        PartialObject object = (PartialObject) value;
        int size = object.size();
        int repeats = object.repeatedKeys();
        State state = (State) slot.state;
        if (state == null || state.repeats != repeats || size < state.settled.count()) {
            if (repeats != 0 && context.rejectsRepeatedKeys) {
                // Thrown before the state is replaced, so every later snapshot of the map comes here again.
                throw RepeatedKeys.rejected("a map of " + type.getContentType().toCanonical());
            }
            // First seen, or a repeated key replaced a member's value in its place: take the entries afresh.
            state = new State();
            state.repeats = repeats;
            slot.state = state;
        }
        if (repeats != 0 && object.isComplete()) {
            // Jackson keeps the last value of a repeated key too, but reads every one and fails on any it cannot bind.
            return TextReader.readComplete(otherKinds, object, type);
        }
        if (keys != null) {
            if (state.rejectedKey != null) {
                throw new SkipPartial(state.rejectedKey);
            }
            if (repeats != 0 || state.wholeOnly) {
                return whole(object);
            }
        }
        PrefixMap.Store settled = state.settled;
        // Only members at the end can be new: the engine shows each key once, at its first position.
        while (settled.count() < size) {
            int i = settled.count();
            PartialValue member = object.valueAt(i);
            if (!member.isComplete()) {
                break;
            }
            String name = object.keyAt(i);
            Object key = name;
            if (keys != null) {
                key = state.openIndex == i ? state.openKey : enumKey(state, name, context);
                if (state.wholeOnly) {
                    return whole(object);
                }
            }
            Object bound = null;
            if (nullValues == null || member.type() != JsonType.NULL) {
                context.push(name);
                bound = content.bind(member, state.openIndex == i ? state.open : new Slot(), context);
                context.pop();
            }
            if (bound == null && nullValues != null) {
                // A null, or a null its deserializer made of a value: Jackson gives both to the content null handling.
                if (nullValues.skips()) {
                    // Jackson leaves it out: the entries no longer keep their positions, so show the map once complete.
                    return object.isComplete() ? TextReader.readComplete(otherKinds, object, type) : ABSENT;
                }
                bound = nullValues.item(type);
            }
            if (bound == ABSENT) {
                break;
            }
            settled.append(key, bound);
            state.open = null;
            state.openIndex = -1;
        }
        int first = settled.count();
        if (first == size) {
            return view(state, null, null, context);
        }
        if (first == size - 1) {
            String name = object.keyAt(first);
            if (state.openIndex != first) {
                Object key = keys == null ? name : enumKey(state, name, context);
                if (state.wholeOnly) {
                    return whole(object);
                }
                state.open = new Slot();
                state.openIndex = first;
                state.openKey = key;
            }
            context.push(name);
            Object bound = content.bind(object.valueAt(first), state.open, context);
            if (bound == ABSENT) {
                context.drop();
            }
            context.pop();
            return bound == ABSENT ? view(state, null, null, context) : view(state, state.openKey, bound, context);
        }
        if (keys != null) {
            return whole(object);
        }
        Map<String, Object> copy = copy(object, context);
        return concrete == null ? copy : concrete.map(copy, context.jackson);
    }

    /**
     * Returns the constant Jackson reads the member name {@code name} as, once per member. Sets
     * {@link State#wholeOnly} when Jackson keeps no entry of its own for it: it reads it as null (and leaves it out) or
     * as the key of an entry before it (and replaces that one's value).
     *
     * @throws SkipPartial when Jackson rejects the name, as the final binding will
     */
    private Object enumKey(State state, String name, BindContext context) {
        Object key;
        try {
            key = keys.read(name, context.jackson);
        } catch (SkipPartial rejected) {
            state.rejectedKey = rejected.getMessage();
            throw rejected;
        }
        if (key == null || state.settled.holds(key)) {
            state.wholeOnly = true;
        }
        return key;
    }

    /** Returns the map read by Jackson once {@code object} is complete; {@link #ABSENT} until then. */
    private Object whole(PartialObject object) {
        return object.isComplete() ? TextReader.readComplete(otherKinds, object, type) : ABSENT;
    }

    /**
     * Returns the settled entries of {@code state} and the member being written, unless {@code lastKey} is null: a
     * view, or a copy for a concrete class.
     */
    private Object view(State state, Object lastKey, Object lastValue, BindContext context) {
        PrefixMap.Store settled = state.settled;
        if (concrete != null) {
            return concrete.map(
                    state.copied(),
                    settled.keys(),
                    settled.values(),
                    settled.count(),
                    lastKey,
                    lastValue,
                    context.jackson);
        }
        return lastKey == null ? settled.view() : settled.view(lastKey, lastValue);
    }

    /**
     * Returns the slot the open last member of {@code object} was bound from, or null when this map cannot be rebuilt
     * around a new value of that member (see {@link OpenChain}): a member not bound last time, or one before the last.
     */
    Slot openMemberSlot(Slot slot, PartialObject object) {
        State state = (State) slot.state;
        int last = object.size() - 1;
        if (state == null
                || state.openIndex != last
                || state.settled.count() != last
                || state.repeats != object.repeatedKeys()) {
            return null;
        }
        return object.valueAt(last).isComplete() ? null : state.open;
    }

    /** Returns the map bound last from {@code slot} with {@code value} as the value of its open last member. */
    Object rebuild(Slot slot, Object value, BindContext context) {
        State state = (State) slot.state;
        return view(state, state.openKey, value, context);
    }

    /**
     * Returns the map as a copy when a member before the last is still open, which happens only while a repeated
     * key's new value is being written (it takes the first one's position): no shared prefix ends there. Every member
     * is bound afresh; the next snapshot after the value completes starts a new store.
     */
    private Map<String, Object> copy(PartialObject object, BindContext context) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < object.size(); i++) {
            String key = object.keyAt(i);
            context.push(key);
            Object bound = content.bind(object.valueAt(i), new Slot(), context);
            if (bound == ABSENT) {
                context.drop();
            } else {
                map.put(key, bound);
            }
            context.pop();
        }
        return Collections.unmodifiableMap(map);
    }
}
