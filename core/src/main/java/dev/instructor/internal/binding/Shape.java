package dev.instructor.internal.binding;

import dev.instructor.json.JsonType;
import dev.instructor.json.PartialArray;
import dev.instructor.json.PartialObject;
import dev.instructor.json.PartialValue;
import java.util.List;
import tools.jackson.databind.JavaType;

/**
 * How the JSON for one Java type is bound, snapshot after snapshot: a node of the type model built once per
 * {@code ResponseModel} from Jackson's own introspection.
 *
 * <p>{@link #bind} is memoised per {@link Slot}: a node already bound at that position is not bound again. A shape
 * returns {@link #ABSENT} for an open value that cannot be shown yet (a number-like value still being written, an
 * object whose creator rejects its partial arguments) and throws {@link SkipPartial} for a complete value that can
 * never be bound. Shapes are immutable and shared between threads; all mutable state lives in slots.
 */
public abstract class Shape {
    /** The result of binding an open value that cannot be shown yet. */
    public static final Object ABSENT = new Object() {
        @Override
        public String toString() {
            return "ABSENT";
        }
    };

    final JavaType type;

    Shape(JavaType type) {
        this.type = type;
    }

    /** Returns the Java type this shape binds to. */
    public final JavaType type() {
        return type;
    }

    /**
     * Binds {@code value} at the position {@code slot} stands for, reusing the slot's result when the engine node is
     * the one bound last time.
     */
    final Object bind(PartialValue value, Slot slot, BindContext context) {
        if (slot.source == value) {
            return slot.result;
        }
        Object result = bindValue(value, slot, context);
        slot.source = value;
        slot.result = result;
        return result;
    }

    /**
     * Returns what JSON {@code null} binds to; {@code null} unless the type has its own empty value. Each shape checks
     * for null only after its expected kind of node: a site that sees one node class is a cheap type check, while a
     * test against {@code PartialNull} here would see every class, and on JDK 17 an {@code instanceof} or
     * {@code type()} call at such a site costs more than the rest of the memo check.
     */
    Object bindNull() {
        return null;
    }

    /** Binds a value, JSON null included; called only when the slot's memo does not apply. */
    abstract Object bindValue(PartialValue value, Slot slot, BindContext context);

    /** Returns true when an incomplete value of this shape is shown (strings, containers, objects). */
    public abstract boolean showsIncomplete();

    /**
     * Returns the shape of the child at {@code segment} of {@code value}, or {@code null} when this shape has no such
     * child. Used to walk a JSON Pointer through the type model.
     */
    public Shape child(PartialValue value, String segment) {
        return null;
    }

    /**
     * Returns the shape of the item at {@code index} of {@code value}; same as {@link #child} with the index as a
     * segment, without formatting it for the common case of a list.
     */
    public Shape childAt(PartialValue value, int index) {
        return child(value, Integer.toString(index));
    }

    /**
     * Returns the name under which {@code value} holds the child that Jackson binds for {@code segment}, a child named
     * as a violation path names it (a property's own name, a subtype's first type id): the alias or the name in
     * another case that the document wrote instead, or {@code segment} itself. Called to report a violation and by
     * the streaming checks on a completed object of a type with such names, never while binding.
     */
    public String writtenName(PartialValue value, String segment) {
        return segment;
    }

    /**
     * Returns true when a child of this shape may be written under another name than the one {@link #writtenName}
     * is given (not looking into children); a union says true, since its subtypes are only known once seen.
     */
    public boolean hasOtherNames() {
        return false;
    }

    /** Returns the shape {@code value} is bound by, resolving a union to its subtype; this shape otherwise. */
    public Shape resolve(PartialValue value) {
        return this;
    }

    /**
     * Returns the child node of {@code value} whose value Jackson binds at {@code segment}, a name {@link #writtenName}
     * gave, or {@code null} when it has not arrived: of several members of that name, the last, as
     * {@link #childValue} gives it, unless the shape says Jackson keeps the first (see {@link ObjectShape}).
     */
    public PartialValue boundChild(PartialValue value, String segment) {
        return childValue(value, segment);
    }

    /**
     * Returns the child node of {@code value} at {@code segment}, or {@code null} when it has not arrived: of several
     * members of that name, the last.
     */
    public static PartialValue childValue(PartialValue value, String segment) {
        if (value.type() == JsonType.OBJECT) {
            return ((PartialObject) value).get(segment);
        }
        if (value.type() == JsonType.ARRAY) {
            PartialArray array = (PartialArray) value;
            int index = parseIndex(segment);
            return index >= 0 && index < array.size() ? array.get(index) : null;
        }
        return null;
    }

    /** Returns the value of the first member of {@code object} written under {@code key}, or {@code null}. */
    static PartialValue firstValue(PartialObject object, String key) {
        List<String> keys = object.writtenKeys();
        for (int i = 0, n = keys.size(); i < n; i++) {
            if (keys.get(i).equals(key)) {
                return object.writtenValues().get(i);
            }
        }
        return null;
    }

    /** Returns the array index {@code segment} spells, or -1 when it is not a canonical index. */
    public static int parseIndex(String segment) {
        if (segment.isEmpty() || segment.length() > 9) {
            return -1;
        }
        int index = 0;
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            index = index * 10 + (c - '0');
        }
        return index;
    }

    static String describe(PartialValue value) {
        String json = value.toJson();
        return json.length() > 60 ? json.substring(0, 57) + "..." : json;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + type.toCanonical() + "]";
    }
}
