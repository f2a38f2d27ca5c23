package dev.instructor.internal.binding;

import dev.instructor.json.JsonType;
import dev.instructor.json.PartialObject;
import dev.instructor.json.PartialValue;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.deser.SettableBeanProperty;
import tools.jackson.databind.deser.ValueInstantiator;
import tools.jackson.databind.introspect.AnnotatedMember;

/**
 * A record or bean, built the way Jackson builds it: through the creator Jackson chose (a record's canonical
 * constructor, a {@code @JsonCreator}, a no-arg constructor) and then Jackson's own setter or field properties.
 * Members not yet present get {@code null}, or a primitive's default.
 *
 * <p>An open object whose creator or setters reject its partial arguments (a compact constructor's
 * {@code requireNonNull}, a range check) is not shown yet; a complete one that is rejected skips the partial, as the
 * final binding would fail on it too.
 *
 * <p>Its properties are set once, right after construction: the factory registers the shape first, so that a
 * self-referential type finds it while its properties are being built.
 */
public final class ObjectShape extends Shape {
    private final ValueInstantiator instantiator;
    private Creator creator;
    private Map<String, ObjectProperty> byName;
    private boolean caseInsensitive;
    private Object[] creatorDefaults;
    private Collection<ObjectProperty> properties;
    private Map<String, ObjectProperty> byJavaName;

    ObjectShape(JavaType type, ValueInstantiator instantiator) {
        super(type);
        this.instantiator = instantiator;
    }

    void properties(
            Map<String, ObjectProperty> byName,
            Collection<ObjectProperty> properties,
            int creatorCount,
            boolean caseInsensitive) {
        this.byName = byName;
        this.properties = properties;
        this.caseInsensitive = caseInsensitive;
        Object[] defaults = new Object[creatorCount];
        for (ObjectProperty property : properties) {
            if (property.creatorIndex >= 0) {
                defaults[property.creatorIndex] = property.defaultValue;
            }
        }
        this.creatorDefaults = defaults;
        this.creator = Creator.of(instantiator, creatorCount);
        Map<String, ObjectProperty> java = new HashMap<>();
        for (ObjectProperty property : properties) {
            java.putIfAbsent(property.javaName, property);
        }
        this.byJavaName = java;
    }

    /** Returns the property whose Java name (as Bean Validation reports it) is {@code javaName}, or {@code null}. */
    public ObjectProperty propertyByJavaName(String javaName) {
        return byJavaName.get(javaName);
    }

    /** Returns the properties, each once, in Jackson's order. */
    public Collection<ObjectProperty> properties() {
        return properties;
    }

    /** Returns the property a JSON member name binds to (aliases included), or {@code null}. */
    public ObjectProperty property(String jsonName) {
        return byName.get(caseInsensitive ? jsonName.toLowerCase(Locale.ROOT) : jsonName);
    }

    /** Member slots and resolved properties of one object position, indexed like the object's members. */
    private static final class State {
        Slot[] slots = new Slot[0];
        ObjectProperty[] properties = new ObjectProperty[0];
        int resolved;
    }

    @Override
    public boolean showsIncomplete() {
        return true;
    }

    @Override
    public Shape child(PartialValue value, String segment) {
        ObjectProperty property = property(segment);
        return property == null ? null : property.shape;
    }

    @Override
    Object bindValue(PartialValue value, Slot slot, BindContext context) {
        if (!(value instanceof PartialObject)) {
            if (value.type() == JsonType.NULL) {
                return bindNull();
            }
            if (value.isComplete()) {
                throw new SkipPartial("expected an object for " + type.toCanonical() + ", got " + describe(value));
            }
            return ABSENT;
        }
        PartialObject object = (PartialObject) value;
        State state = state(slot, object);
        Object[] arguments = creatorDefaults.length == 0 ? creatorDefaults : creatorDefaults.clone();
        int size = object.size();
        for (int i = 0; i < size; i++) {
            ObjectProperty property = state.properties[i];
            if (property == null) {
                continue;
            }
            context.push(object.keyAt(i));
            Object bound = property.shape.bind(object.valueAt(i), state.slots[i], context);
            if (bound == ABSENT) {
                context.drop();
            } else if (property.creatorIndex >= 0 && bound != null) {
                arguments[property.creatorIndex] = bound;
            }
            context.pop();
        }
        try {
            Object instance = creator.create(context.jackson, arguments);
            for (int i = 0; i < size; i++) {
                ObjectProperty property = state.properties[i];
                if (property == null || property.creatorIndex >= 0) {
                    continue;
                }
                Object bound = state.slots[i].result;
                if (bound != ABSENT && (bound != null || property.defaultValue == null)) {
                    property.jackson.set(context.jackson, instance, bound);
                }
            }
            return instance;
        } catch (Throwable e) {
            if (e instanceof Error && !(e instanceof AssertionError)) {
                throw (Error) e;
            }
            String reason = "cannot build " + type.getRawClass().getSimpleName() + ": " + rootMessage(e);
            if (object.isComplete()) {
                throw new SkipPartial(reason);
            }
            context.note(reason);
            return ABSENT;
        }
    }

    private State state(Slot slot, PartialObject object) {
        State state = (State) slot.state;
        if (state == null) {
            state = new State();
            slot.state = state;
        }
        int size = object.size();
        if (state.resolved < size) {
            if (state.slots.length < size) {
                int capacity = Math.max(size, state.slots.length * 2);
                state.slots = Arrays.copyOf(state.slots, capacity);
                state.properties = Arrays.copyOf(state.properties, capacity);
            }
            // A member's key never changes once shown, so each index is resolved once.
            for (int i = state.resolved; i < size; i++) {
                state.properties[i] = property(object.keyAt(i));
                state.slots[i] = new Slot();
            }
            state.resolved = size;
        }
        return state;
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    /** One property as Jackson deserializes it, with the names validation needs to map Java paths to JSON. */
    public static final class ObjectProperty {
        final String name;
        final String javaName;
        final Shape shape;
        final SettableBeanProperty jackson;
        final AnnotatedMember accessor;
        final int creatorIndex;
        final Object defaultValue;

        ObjectProperty(
                String name, String javaName, AnnotatedMember accessor, Shape shape, SettableBeanProperty jackson) {
            this.accessor = accessor;
            this.name = name;
            this.javaName = javaName;
            this.shape = shape;
            this.jackson = jackson;
            this.creatorIndex = jackson.isCreatorProperty() ? jackson.getCreatorIndex() : -1;
            this.defaultValue = ValueShape.primitiveDefault(jackson.getType().getRawClass());
        }

        /** Returns the JSON member name. */
        public String name() {
            return name;
        }

        /** Returns the Java property name, as Bean Validation reports it. */
        public String javaName() {
            return javaName;
        }

        /** Returns the value a missing member gets: a primitive's default, otherwise {@code null}. */
        public Object defaultValue() {
            return defaultValue;
        }

        /** Returns the shape of the property's value. */
        public Shape shape() {
            return shape;
        }

        /** Returns the property's value in {@code bean}, or {@link Shape#ABSENT} when it has no readable accessor. */
        public Object valueIn(Object bean) {
            if (accessor == null) {
                return ABSENT;
            }
            accessor.fixAccess(true);
            return accessor.getValue(bean);
        }
    }
}
