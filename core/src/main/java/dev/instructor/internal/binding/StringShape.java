package dev.instructor.internal.binding;

import dev.instructor.json.JsonType;
import dev.instructor.json.PartialString;
import dev.instructor.json.PartialValue;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectReader;

/**
 * A {@code String}: shown from its opening quote, holding the prefix written so far. A complete non-string value is
 * handed to Jackson, which coerces scalars ({@code 42} becomes {@code "42"}) the way the final binding will.
 */
public final class StringShape extends Shape {
    private final ObjectReader reader;

    StringShape(JavaType type, ObjectReader reader) {
        super(type);
        this.reader = reader;
    }

    @Override
    public boolean showsIncomplete() {
        return true;
    }

    @Override
    Object bindValue(PartialValue value, Slot slot, BindContext context) {
        if (value instanceof PartialString) {
            return ((PartialString) value).value();
        }
        if (value.type() == JsonType.NULL) {
            return bindNull();
        }
        if (!value.isComplete()) {
            return ABSENT;
        }
        try {
            return reader.readValue(value.toJson());
        } catch (JacksonException e) {
            throw new SkipPartial("cannot read " + describe(value) + " as a String: " + e.getOriginalMessage());
        }
    }
}
