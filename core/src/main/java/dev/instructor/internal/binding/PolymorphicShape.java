package dev.instructor.internal.binding;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.instructor.json.JsonType;
import dev.instructor.json.PartialArray;
import dev.instructor.json.PartialObject;
import dev.instructor.json.PartialString;
import dev.instructor.json.PartialValue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import tools.jackson.databind.JavaType;

/**
 * A {@code @JsonTypeInfo} union (including sealed interfaces, whose permitted subtypes Jackson finds itself): the
 * subtype is chosen by the type id exactly as Jackson resolves it, then bound by that subtype's shape.
 *
 * <p>Until the type id is complete the value cannot be shown: an open union item stays absent. A complete value whose
 * subtype cannot be told here (no type id, one that is not a string or names no subtype, a wrapper object of more than
 * one member, not an object at all) is read by Jackson, which may give the default implementation, null (without
 * {@code FAIL_ON_INVALID_SUBTYPE}) or reject it.
 */
public final class PolymorphicShape extends Shape {
    private final JsonTypeInfo.As inclusion;
    private final String property;
    /** The type id property when its subtypes do not see it ({@code visible = false}, Jackson's default), or null. */
    private final String hidden;

    /** Reads a complete value whose subtype this shape cannot tell, with the union's own type handling. */
    private final TextReader jackson;

    private final Function<String, Shape> resolver;
    private final Function<Object, String> idOf;
    private final ConcurrentHashMap<String, Shape> subtypes = new ConcurrentHashMap<>();

    /**
     * @param visible whether the subtypes see the type id property among their members
     * @param jackson reads a complete value as Jackson binds it, type id and all
     * @param resolver maps a type id to the subtype's shape; throws or returns null for unknown ids
     * @param idOf maps a bound value to its type id, as Jackson would write it
     */
    PolymorphicShape(
            JavaType type,
            JsonTypeInfo.As inclusion,
            String property,
            boolean visible,
            TextReader jackson,
            Function<String, Shape> resolver,
            Function<Object, String> idOf) {
        super(type);
        this.inclusion = inclusion;
        this.property = property;
        this.hidden =
                visible || !(inclusion == JsonTypeInfo.As.PROPERTY || inclusion == JsonTypeInfo.As.EXISTING_PROPERTY)
                        ? null
                        : property;
        this.jackson = jackson;
        this.resolver = resolver;
        this.idOf = idOf;
    }

    /**
     * Returns the JSON Pointer segment between a union's position and its subtype's members for {@code value}: the
     * type id for {@code WRAPPER_OBJECT}, {@code "1"} for {@code WRAPPER_ARRAY}, null when the members are inline.
     */
    public String bodySegment(Object value) {
        if (isPropertyInclusion()) {
            return null;
        }
        return inclusion == JsonTypeInfo.As.WRAPPER_OBJECT ? idOf.apply(value) : "1";
    }

    static boolean supports(JsonTypeInfo.As inclusion) {
        return inclusion == JsonTypeInfo.As.PROPERTY
                || inclusion == JsonTypeInfo.As.EXISTING_PROPERTY
                || inclusion == JsonTypeInfo.As.WRAPPER_OBJECT
                || inclusion == JsonTypeInfo.As.WRAPPER_ARRAY;
    }

    /** The subtype chosen at one position, and the slot its shape binds into. */
    private static final class State {
        Shape subtype;
        Slot slot = new Slot();
    }

    @Override
    public boolean showsIncomplete() {
        return true;
    }

    @Override
    Object bindValue(PartialValue value, Slot slot, BindContext context) {
        if (value.type() == JsonType.NULL) {
            return bindNull();
        }
        // By type(), not instanceof: an interface check at a site that sees every kind of node is slow on JDK 17.
        if (value.type() == JsonType.OBJECT && ((PartialObject) value).repeatedKeys() != 0) {
            return repeated((PartialObject) value, context);
        }
        String id = typeId(value);
        PartialValue body = body(value);
        Shape subtype = id == null || body == null ? null : subtypeOrNull(id);
        if (subtype == null || (value.isComplete() && hasOtherMembers(value))) {
            if (!value.isComplete()) {
                context.note("type id not known yet");
                return ABSENT;
            }
            return TextReader.readComplete(jackson, value, type);
        }
        State state = (State) slot.state;
        if (state == null || state.subtype != subtype) {
            state = new State();
            state.subtype = subtype;
            slot.state = state;
        }
        if (inclusion == JsonTypeInfo.As.WRAPPER_OBJECT) {
            context.push(id);
        } else if (inclusion == JsonTypeInfo.As.WRAPPER_ARRAY) {
            context.push(1);
        }
        Object bound = subtype.bind(body, state.slot, context);
        if (!isPropertyInclusion()) {
            context.pop();
        }
        return bound;
    }

    /**
     * Binds an object in which a member name repeated: Jackson takes the type id from its first occurrence and hands
     * a later one to the subtype as a member it may not know, and rejects a wrapper object of two members. The snapshot
     * keeps the last value, so the value is not shown while open, and read by Jackson from its text as written once
     * complete.
     */
    private Object repeated(PartialObject object, BindContext context) {
        if (context.rejectsRepeatedKeys) {
            throw RepeatedKeys.rejected("a " + type.getRawClass().getSimpleName());
        }
        if (!object.isComplete()) {
            context.note("a member name repeats: shown once the object is complete, as Jackson reads it");
            return ABSENT;
        }
        return TextReader.readComplete(jackson, object, type);
    }

    @Override
    public Shape child(PartialValue value, String segment) {
        if (isPropertyInclusion()) {
            Shape subtype = resolve(value);
            return subtype == this ? null : subtype.child(value, segment);
        }
        String id = typeId(value);
        if (id == null) {
            return null;
        }
        boolean body = inclusion == JsonTypeInfo.As.WRAPPER_OBJECT ? segment.equals(id) : segment.equals("1");
        return body ? subtypeOrNull(id) : null;
    }

    /**
     * Returns the type id the document wrote for the body of a wrapper object, which may be another of the subtype's
     * names than the one a path was built with ({@code @JsonSubTypes.Type(names = ...)}); with the type id among the
     * members, the name the subtype gives the member.
     */
    @Override
    public String writtenName(PartialValue value, String segment) {
        if (isPropertyInclusion()) {
            Shape subtype = resolve(value);
            return subtype == this ? segment : subtype.writtenName(value, segment);
        }
        String id = inclusion == JsonTypeInfo.As.WRAPPER_OBJECT ? typeId(value) : null;
        return id == null ? segment : id;
    }

    /** Returns true: the subtypes, only known once seen, may have aliases, and a subtype may have several type ids. */
    @Override
    public boolean hasOtherNames() {
        return true;
    }

    @Override
    public Shape resolve(PartialValue value) {
        if (!isPropertyInclusion()) {
            return this;
        }
        String id = typeId(value);
        Shape subtype = id == null ? null : subtypeOrNull(id);
        return subtype == null ? this : subtype;
    }

    /**
     * Returns true when a value's subtype binds the value itself (the type id is one of its properties), so that
     * {@link OpenChain} may pass through this union to the subtype bound last.
     */
    boolean bindsInPlace() {
        return isPropertyInclusion();
    }

    /** Returns the subtype bound last from {@code slot}, or null before the first. */
    Shape subtype(Slot slot) {
        State state = (State) slot.state;
        return state == null ? null : state.subtype;
    }

    /** Returns the slot the subtype bound last from {@code slot} binds into, or null before the first. */
    Slot subtypeSlot(Slot slot) {
        State state = (State) slot.state;
        return state == null ? null : state.slot;
    }

    private boolean isPropertyInclusion() {
        return inclusion == JsonTypeInfo.As.PROPERTY || inclusion == JsonTypeInfo.As.EXISTING_PROPERTY;
    }

    /** Returns the complete type id of {@code value}, or null when it has not fully arrived. */
    private String typeId(PartialValue value) {
        PartialValue id;
        if (inclusion == JsonTypeInfo.As.WRAPPER_ARRAY) {
            id = value instanceof PartialArray && ((PartialArray) value).size() > 0
                    ? ((PartialArray) value).get(0)
                    : null;
        } else if (!(value instanceof PartialObject)) {
            id = null;
        } else if (inclusion == JsonTypeInfo.As.WRAPPER_OBJECT) {
            PartialObject object = (PartialObject) value;
            return object.size() > 0 ? object.keyAt(0) : null;
        } else {
            PartialObject object = (PartialObject) value;
            // Jackson takes the type id from the first member of its name, and hands a later one to the subtype.
            id = object.repeatedKeys() == 0 ? object.get(property) : firstValue(object, property);
        }
        // Not a string: Jackson's to judge, once the value is complete.
        return id instanceof PartialString && id.isComplete() ? ((PartialString) id).value() : null;
    }

    /** Returns the node the subtype binds: the object itself, or the wrapped value. */
    private PartialValue body(PartialValue value) {
        if (isPropertyInclusion()) {
            return value;
        }
        if (inclusion == JsonTypeInfo.As.WRAPPER_OBJECT) {
            return value instanceof PartialObject && ((PartialObject) value).size() > 0
                    ? ((PartialObject) value).valueAt(0)
                    : null;
        }
        PartialArray array = value instanceof PartialArray ? (PartialArray) value : null;
        return array != null && array.size() > 1 ? array.get(1) : null;
    }

    /**
     * Returns true when {@code value} is a wrapper object with more members than the type id, which Jackson rejects.
     */
    private boolean hasOtherMembers(PartialValue value) {
        return inclusion == JsonTypeInfo.As.WRAPPER_OBJECT && ((PartialObject) value).size() > 1;
    }

    /** Returns the shape of the member named by the type id {@code id}, or null when no member has that id. */
    Shape member(String id) {
        return subtypeOrNull(id);
    }

    private Shape subtypeOrNull(String id) {
        Shape cached = subtypes.get(id);
        if (cached != null) {
            return cached;
        }
        Shape resolved;
        try {
            resolved = resolver.apply(id);
        } catch (RuntimeException e) {
            return null;
        }
        if (resolved instanceof ObjectShape object && hidden != null) {
            resolved = object.without(hidden);
        }
        if (resolved != null) {
            Shape known = subtypes.putIfAbsent(id, resolved);
            if (known != null) {
                return known; // one shape per id, so that a slot's subtype is recognised as the same one
            }
        }
        return resolved;
    }
}
