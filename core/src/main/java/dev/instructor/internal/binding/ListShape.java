package dev.instructor.internal.binding;

import dev.instructor.json.JsonType;
import dev.instructor.json.PartialArray;
import dev.instructor.json.PartialString;
import dev.instructor.json.PartialValue;
import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.Collection;
import tools.jackson.databind.JavaType;

/**
 * A {@code List}, {@code Collection}, {@code Set} or object array: the completed items, each bound once and kept in
 * an append-only array, plus the open last item bound afresh from its own slot.
 *
 * <p>Lists are {@link PrefixList} views and sets {@link PrefixSet} views (O(1) per partial). A Java array cannot share
 * its items with another, so arrays are copied per partial (O(items)); so is a concrete class such as {@code ArrayList}
 * or {@code HashSet}, in each partial where it changed (see {@link ConcreteCopies}). An open last item that cannot be
 * built yet is left out. A complete value of another kind is read by Jackson, which may accept it.
 */
public final class ListShape extends Shape {
    enum Kind {
        LIST,
        SET,
        ARRAY
    }

    private final Kind kind;
    /**
     * Reads a complete value of another kind than an array, which Jackson may still accept: as its only item under
     * {@code ACCEPT_SINGLE_VALUE_AS_ARRAY}, as null or empty by a coercion.
     */
    private final TextReader otherKinds;
    /** What Jackson makes of a null item, when not a plain null; {@code null} otherwise, the common case. */
    private final NullItems nullItems;
    /**
     * Reads a one-item list of this type, when Jackson reads the items itself rather than with the element's
     * deserializer: its deserializers of {@code Collection<String>} and {@code String[]} read an item that is not a
     * string otherwise than a lone {@code String} is read. {@code null} for other lists.
     */
    private final TextReader stringItems;
    /** The concrete class the items are copied into ({@code ArrayList}, {@code HashSet}), or null for a view. */
    private final ConcreteCopies concrete;

    private Shape element;

    ListShape(
            JavaType type,
            Kind kind,
            TextReader otherKinds,
            NullItems nullItems,
            TextReader stringItems,
            ConcreteCopies concrete) {
        super(type);
        this.kind = kind;
        this.otherKinds = otherKinds;
        this.nullItems = nullItems;
        this.stringItems = stringItems;
        this.concrete = concrete;
    }

    void element(Shape element) {
        this.element = element;
    }

    /**
     * Returns a shape of the same list type whose items are bound by {@code element}, and whose other kinds of value
     * and null items are read as the given readers say: a property's own, when its annotations change how Jackson
     * reads the list ({@code @JsonSetter(contentNulls)}, {@code @JsonFormat(with = ACCEPT_SINGLE_VALUE_AS_ARRAY)}).
     */
    ListShape reading(TextReader otherKinds, NullItems nullItems, TextReader stringItems, Shape element) {
        ListShape shape = new ListShape(type, kind, otherKinds, nullItems, stringItems, concrete);
        shape.element(element);
        return shape;
    }

    /** Returns true for a {@code Set}, whose open item is compared with its completed ones. */
    boolean isSet() {
        return kind == Kind.SET;
    }

    /** Returns true when Jackson leaves null items out, so the items written may outnumber those bound. */
    public boolean skipsNullItems() {
        return nullItems != null && nullItems.skips();
    }

    /** Returns true when Jackson holds a null item as the item's shape binds it: not skipped, replaced or rejected. */
    public boolean keepsNullItems() {
        return nullItems == null;
    }

    /** Returns the shape of the items. */
    public Shape element() {
        return element;
    }

    /** Bound items of one list position across snapshots. */
    private static final class State {
        /** The bound items of a list or array; a set keeps its items in {@link #distinct}. */
        Object[] items;

        int bound;
        Slot open;
        int openIndex = -1;
        /** The node of the first bound item, to notice an array replaced by a repeated key. */
        PartialValue first;
        /** The distinct items, for a set. */
        final PrefixSet.Store distinct;
        /** The copy made last, for a concrete class; null for a view. */
        ConcreteCopies.Memo copied;

        ConcreteCopies.Memo copied() {
            if (copied == null) {
                copied = new ConcreteCopies.Memo();
            }
            return copied;
        }

        State(Kind kind) {
            distinct = kind == Kind.SET ? new PrefixSet.Store() : null;
            items = kind == Kind.SET ? null : new Object[8];
        }

        void append(Object item) {
            if (distinct != null) {
                // A set's items are its store's; when the item's equals or hashCode throws, nothing is appended.
                distinct.add(item, bound);
                bound++;
                return;
            }
            if (bound == items.length) {
                items = Arrays.copyOf(items, bound * 2);
            }
            items[bound++] = item;
        }
    }

    @Override
    public boolean showsIncomplete() {
        return true;
    }

    @Override
    public Shape child(PartialValue value, String segment) {
        return parseIndex(segment) >= 0 ? element : null;
    }

    @Override
    public Shape childAt(PartialValue value, int index) {
        return element;
    }

    @Override
    Object bindValue(PartialValue value, Slot slot, BindContext context) {
        if (!(value instanceof PartialArray)) {
            if (value.type() == JsonType.NULL) {
                return bindNull();
            }
            return value.isComplete() ? TextReader.readComplete(otherKinds, value, type) : ABSENT;
        }
        PartialArray array = (PartialArray) value;
        State state = (State) slot.state;
        int size = array.size();
        if (state == null || state.bound > 0 && (size < state.bound || array.get(0) != state.first)) {
            // First seen, or another array took this position (a repeated key in the enclosing object).
            state = new State(kind);
            slot.state = state;
        }
        PartialValue open = null;
        while (state.bound < size) {
            PartialValue item = array.get(state.bound);
            if (!item.isComplete()) {
                open = item;
                break;
            }
            Object bound = null;
            if (stringItems != null && !(item instanceof PartialString) && item.type() != JsonType.NULL) {
                bound = itemInContext(item);
            } else if (nullItems == null || item.type() != JsonType.NULL) {
                Slot itemSlot = state.openIndex == state.bound ? state.open : new Slot();
                context.push(state.bound);
                bound = element.bind(item, itemSlot, context);
                context.pop();
            }
            if (bound == null && nullItems != null) {
                // A null item, or a null its deserializer made of a value ("null" for an Integer): Jackson gives both
                // to the content null handling.
                if (nullItems.skips()) {
                    // Jackson leaves it out: the items no longer keep their indexes, so show the list once complete.
                    return array.isComplete() ? TextReader.readComplete(otherKinds, array, type) : ABSENT;
                }
                bound = nullItems.item(type);
            }
            try {
                state.append(bound);
            } catch (RuntimeException e) {
                // Jackson's set would hash the final value's items too, and fail on the same one.
                throw new SkipPartial("cannot add item " + state.bound + " to a set of "
                        + element.type().getRawClass().getSimpleName() + ": " + e);
            }
            if (state.bound == 1) {
                state.first = item;
            }
            state.open = null;
            state.openIndex = -1;
        }
        Object last = ABSENT;
        if (open != null) {
            if (state.openIndex != state.bound) {
                state.open = new Slot();
                state.openIndex = state.bound;
            }
            context.push(state.bound);
            if (kind == Kind.SET) {
                context.enterSet();
                try {
                    last = element.bind(open, state.open, context);
                } finally {
                    context.leaveSet();
                }
            } else {
                last = element.bind(open, state.open, context);
            }
            if (last == ABSENT) {
                context.drop();
            }
            context.pop();
        }
        if (kind == Kind.SET) {
            PrefixSet<Object> set = state.distinct.view(last);
            if (set == null) {
                context.push(state.bound);
                context.note("cannot compare the open item with the set's items: its equals or hashCode throws");
                context.drop();
                context.pop();
                set = state.distinct.view(ABSENT);
            }
            return concrete == null ? set : copy(state, set, context);
        }
        return make(state, last, context);
    }

    /** Returns the items of the set view {@code set} of {@code state} in an instance of the concrete class. */
    private Object copy(State state, PrefixSet<Object> set, BindContext context) {
        return concrete.collection(
                state.copied(), state.distinct.items(), set.completedCount(), set.last(), context.jackson);
    }

    /**
     * Returns what Jackson makes of the complete {@code item} inside a list of this type; null when it leaves it out.
     */
    private Object itemInContext(PartialValue item) {
        Object list = TextReader.readComplete(stringItems, "[" + item.toWrittenJson() + "]", item, type);
        if (list instanceof Collection<?> items) {
            return items.isEmpty() ? null : items.iterator().next();
        }
        return Array.getLength(list) == 0 ? null : Array.get(list, 0);
    }

    /**
     * Returns the slot the open last item of {@code array} was bound from, or null when this list cannot be rebuilt
     * around a new value of that item (see {@link OpenChain}): an array, or an item not bound last time.
     */
    Slot openItemSlot(Slot slot, PartialArray array) {
        State state = (State) slot.state;
        int last = array.size() - 1;
        if (kind == Kind.ARRAY || state == null || state.bound != last || state.openIndex != last) {
            return null;
        }
        return array.get(last).isComplete() ? null : state.open;
    }

    /** Returns the list or set bound last from {@code slot} with {@code item} as its open last item. */
    Object rebuild(Slot slot, Object item, BindContext context) {
        State state = (State) slot.state;
        if (kind == Kind.LIST) {
            return make(state, item, context);
        }
        // Null when the open item's equals or hashCode throws: the full pass that follows leaves it out and says why.
        PrefixSet<Object> set = state.distinct.view(item);
        if (set == null) {
            return ABSENT;
        }
        return concrete == null ? set : copy(state, set, context);
    }

    private Object make(State state, Object last, BindContext context) {
        switch (kind) {
            case LIST:
                return concrete == null
                        ? new PrefixList<>(state.items, state.bound, last)
                        : concrete.collection(state.copied(), state.items, state.bound, last, context.jackson);
            default:
                int prefix = state.bound;
                int size = last == ABSENT ? prefix : prefix + 1;
                Object array = Array.newInstance(type.getContentType().getRawClass(), size);
                System.arraycopy(state.items, 0, array, 0, prefix);
                if (last != ABSENT) {
                    Array.set(array, prefix, last);
                }
                return array;
        }
    }
}
