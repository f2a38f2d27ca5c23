package dev.instructor.internal.binding;

import dev.instructor.json.JsonType;
import dev.instructor.json.PartialString;
import dev.instructor.json.PartialValue;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectReader;

/**
 * A {@code String} or {@code CharSequence}: shown from its opening quote, holding the prefix written so far. A
 * complete non-string value is handed to Jackson, which coerces scalars ({@code 42} becomes {@code "42"}) the way the
 * final binding will.
 *
 * <p>A {@code String} prefix is a copy of the text, made anew for every partial: a string of n chars streamed a few
 * chars at a time costs O(n²) in all. A {@code CharSequence} being written is the engine's view of its buffer
 * ({@link PartialString#text()}), O(1) per partial; once complete it is a {@code String}, as Jackson binds it. In the
 * open item of a set it is a {@code String} too, so that the set can compare it with its completed items.
 */
public final class StringShape extends Shape {
    private final ObjectReader reader;
    private final boolean sharesText;

    StringShape(JavaType type, ObjectReader reader) {
        super(type);
        this.reader = reader;
        this.sharesText = type.getRawClass() == CharSequence.class;
    }

    /** Returns true when an open string is bound as the engine's view of its text rather than a copy. */
    boolean sharesText() {
        return sharesText;
    }

    /** Returns the partial value of an open string: its view when {@code share} allows, else a copy. */
    Object open(PartialString text, boolean share) {
        return sharesText && share ? text.text() : text.value();
    }

    @Override
    public boolean showsIncomplete() {
        return true;
    }

    @Override
    Object bindValue(PartialValue value, Slot slot, BindContext context) {
        if (value instanceof PartialString) {
            PartialString text = (PartialString) value;
            return text.isComplete() ? text.value() : open(text, context.sharesText());
        }
        if (value.type() == JsonType.NULL) {
            return bindNull();
        }
        if (!value.isComplete()) {
            return ABSENT;
        }
        try {
            return reader.readValue(value.toWrittenJson());
        } catch (JacksonException e) {
            throw new SkipPartial("cannot read " + describe(value) + " as a String: " + e.getOriginalMessage());
        } catch (RuntimeException e) {
            // A String deserializer the mapper registers may fail unwrapped; the binder throws nothing but a skip.
            throw new SkipPartial("cannot read " + describe(value) + " as a String: " + e);
        }
    }
}
