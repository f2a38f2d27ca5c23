package dev.instructor.internal.binding;

import dev.instructor.json.JsonType;
import dev.instructor.json.PartialValue;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ValueDeserializer;

/**
 * An {@code Optional<T>}: anything but JSON {@code null} wraps T. JSON {@code null} is what Jackson's deserializer of
 * the {@code Optional} makes of it: the null value of the wrapped type's deserializer, wrapped
 * ({@code Optional.empty()} for most, {@code Optional.of(Optional.empty())} for an {@code Optional<Optional<T>>}).
 */
public final class OptionalShape extends Shape {
    /** Jackson's deserializer of this {@code Optional}, the type's own or one made for a property. */
    private final ValueDeserializer<?> deserializer;

    private Shape content;

    OptionalShape(JavaType type, ValueDeserializer<?> deserializer) {
        super(type);
        this.deserializer = deserializer;
    }

    void content(Shape content) {
        this.content = content;
    }

    /** Returns the shape of the wrapped value. */
    public Shape content() {
        return content;
    }

    @Override
    public boolean showsIncomplete() {
        return content.showsIncomplete();
    }

    @Override
    public Shape child(PartialValue value, String segment) {
        return content.child(value, segment);
    }

    @Override
    public String writtenName(PartialValue value, String segment) {
        return content.writtenName(value, segment);
    }

    @Override
    public Shape resolve(PartialValue value) {
        return content.resolve(value);
    }

    /** Returns the slot the wrapped value was bound from last, or null before the first (see {@link OpenChain}). */
    Slot contentSlot(Slot slot) {
        return (Slot) slot.state;
    }

    @Override
    Object bindValue(PartialValue value, Slot slot, BindContext context) {
        if (value.type() == JsonType.NULL) {
            return nullValue(context);
        }
        Slot inner = (Slot) slot.state;
        if (inner == null) {
            inner = new Slot();
            slot.state = inner;
        }
        Object bound = content.bind(value, inner, context);
        return bound == ABSENT ? ABSENT : Optional.ofNullable(bound);
    }

    /** Returns what Jackson binds JSON {@code null} to, asked anew as a content deserializer's null may be mutable. */
    private Object nullValue(BindContext context) {
        try {
            return deserializer.getNullValue(context.jackson);
        } catch (JacksonException e) {
            throw new SkipPartial("cannot read null as " + type.toCanonical() + ": " + e.getOriginalMessage());
        } catch (RuntimeException e) {
            // A user's deserializer failing unwrapped: the final binding fails on it too.
            throw new SkipPartial("cannot read null as " + type.toCanonical() + ": " + e);
        }
    }
}
