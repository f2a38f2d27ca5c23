package dev.instructor.internal.binding;

import dev.instructor.json.JsonType;
import dev.instructor.json.PartialValue;
import java.util.Optional;
import tools.jackson.databind.JavaType;

/** An {@code Optional<T>}: JSON {@code null} is {@code Optional.empty()}, as in Jackson; anything else wraps T. */
public final class OptionalShape extends Shape {
    private Shape content;

    OptionalShape(JavaType type) {
        super(type);
    }

    void content(Shape content) {
        this.content = content;
    }

    /** Returns the shape of the wrapped value. */
    public Shape content() {
        return content;
    }

    @Override
    Object bindNull() {
        return Optional.empty();
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
            return bindNull();
        }
        Slot inner = (Slot) slot.state;
        if (inner == null) {
            inner = new Slot();
            slot.state = inner;
        }
        Object bound = content.bind(value, inner, context);
        return bound == ABSENT ? ABSENT : Optional.ofNullable(bound);
    }
}
