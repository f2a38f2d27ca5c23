package dev.instructor.internal.binding;

/**
 * Which response types the provider sees wrapped in an object, and under which member. Must match
 * {@code dev.instructor.schema.JsonSchemas#needsWrapping} and {@code #wrapperKey}: only a plain object (a record or
 * bean with properties) is sent as the root; collections and arrays go under {@code "items"}, anything else (enums,
 * strings, numbers, maps, unions, optionals) under {@code "value"}.
 */
public final class WrapRule {
    /** The wrapper member of arrays and collections. */
    public static final String ITEMS = "items";

    /** The wrapper member of every other non-object root. */
    public static final String VALUE = "value";

    private WrapRule() {}

    /** Returns the wrapper member for {@code shape}, or null when it is sent as the root object. */
    public static String wrapperKey(Shape shape) {
        if (shape instanceof ObjectShape && !((ObjectShape) shape).properties().isEmpty()) {
            return null;
        }
        Class<?> raw = shape.type().getRawClass();
        return raw.isArray() || Iterable.class.isAssignableFrom(raw) ? ITEMS : VALUE;
    }
}
