package dev.instructor.internal.binding;

import static dev.instructor.internal.binding.Shape.ABSENT;

import dev.instructor.json.JsonType;
import dev.instructor.json.PartialValue;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.NullValueProvider;
import tools.jackson.databind.deser.SettableBeanProperty;
import tools.jackson.databind.deser.impl.MergingSettableBeanProperty;
import tools.jackson.databind.deser.impl.NullsConstantProvider;
import tools.jackson.databind.deser.impl.SetterlessProperty;
import tools.jackson.databind.introspect.AnnotatedMember;

/** One property as Jackson deserializes it, with the names validation needs to map Java paths to JSON. */
public final class ObjectProperty {
    final String name;
    final String javaName;
    final Shape shape;
    final SettableBeanProperty jackson;
    final AnnotatedMember accessor;
    final int creatorIndex;
    final Object defaultValue;
    /**
     * How Jackson treats an explicit JSON {@code null} for this property when it is configured to differ from the
     * value type's own null ({@code @JsonSetter(nulls = ...)}, the mapper's setter defaults); {@code null} when not.
     */
    private final NullValueProvider nulls;
    /**
     * False for a collection or map Jackson fills through its getter ({@code USE_GETTERS_AS_SETTERS}), for a value
     * it merges into the one the object starts with ({@code @JsonMerge}), and for a generated object id
     * ({@code @JsonIdentityInfo} without a property of its own), which Jackson only keeps for references: the object
     * is read by Jackson once complete, and shows the initial value until then.
     */
    final boolean settable;

    /**
     * @param generatedId whether {@code jackson} is the id of an object whose id Jackson generates, with no property
     */
    ObjectProperty(
            String name,
            String javaName,
            AnnotatedMember accessor,
            Shape shape,
            SettableBeanProperty jackson,
            boolean generatedId) {
        this.accessor = accessor;
        this.name = name;
        this.javaName = javaName;
        this.shape = shape;
        this.jackson = jackson;
        this.creatorIndex = jackson.isCreatorProperty() ? jackson.getCreatorIndex() : -1;
        this.defaultValue = ValueShape.primitiveDefault(jackson.getType().getRawClass());
        NullValueProvider provider = jackson.getNullValueProvider();
        this.nulls = provider == jackson.getValueDeserializer() ? null : provider;
        this.settable = !(jackson instanceof SetterlessProperty
                || jackson instanceof MergingSettableBeanProperty
                || generatedId);
    }

    /**
     * Binds the member's value as {@link Shape#bind} does; JSON {@code null}, and a null its deserializer makes of
     * another value (an empty string coerced to null), as the property says.
     */
    Object bind(PartialValue value, Slot slot, BindContext context) {
        if (nulls == null) {
            return shape.bind(value, slot, context);
        }
        if (value.type() != JsonType.NULL) {
            Object bound = shape.bind(value, slot, context);
            // Jackson hands a null made of a value to the null handling too (databind#2023); only a complete
            // value binds to null.
            return bound != null ? bound : takeNull(value, slot, context);
        }
        return takeNull(value, slot, context);
    }

    private Object takeNull(PartialValue value, Slot slot, BindContext context) {
        Object result;
        if (NullsConstantProvider.isSkipper(nulls) && creatorIndex < 0) {
            result = ABSENT; // Jackson does not call the setter: the property keeps its initial value
        } else {
            try {
                result = nulls.getNullValue(context.jackson);
            } catch (JacksonException e) {
                throw new SkipPartial("cannot take null for \"" + name + "\": " + e.getOriginalMessage());
            }
            if (result == null && creatorIndex >= 0 && defaultValue != null) {
                // Jackson passes the null on (Nulls.SKIP gives one), and a primitive parameter cannot take it.
                throw new SkipPartial("null for primitive creator property \"" + name + "\"");
            }
        }
        // As Shape.bind does: a setter is given the slot's result (see instantiate).
        slot.source = value;
        slot.result = result;
        return result;
    }

    /** Returns the JSON member name. */
    public String name() {
        return name;
    }

    /** Returns the Java property name, as Bean Validation reports it. */
    public String javaName() {
        return javaName;
    }

    /**
     * Returns what Jackson passes to the creator for this property when a complete object lacks it: the absent
     * value of its null handling or of its deserializer ({@code Optional.empty()} for an {@code Optional}), often
     * {@code null}.
     *
     * @throws SkipPartial when Jackson rejects the missing property
     */
    Object absentValue(DeserializationContext context) {
        try {
            Object absent = jackson.getNullValueProvider().getAbsentValue(context);
            return absent != null ? absent : jackson.getValueDeserializer().getAbsentValue(context);
        } catch (JacksonException e) {
            throw new SkipPartial("missing creator property \"" + name + "\": " + e.getOriginalMessage());
        }
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
