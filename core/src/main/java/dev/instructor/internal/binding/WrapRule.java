package dev.instructor.internal.binding;

import dev.instructor.schema.JsonSchemas;
import java.lang.reflect.Type;
import tools.jackson.databind.ObjectMapper;

/**
 * Which response types the provider sees wrapped in an object, and under which member: exactly the schema side's
 * rule ({@link JsonSchemas#needsWrapping(tools.jackson.databind.node.ObjectNode)} on the schema generated with the
 * same mapper, and {@link JsonSchemas#wrapperKey(Type)}), so that what the model is asked for is what is unwrapped.
 */
public final class WrapRule {
    private WrapRule() {}

    /**
     * Returns the wrapper member for {@code type}, or null when it is sent as the root object.
     *
     * @throws IllegalArgumentException when no schema can describe {@code type} (see {@link JsonSchemas})
     */
    public static String wrapperKey(Type type, ObjectMapper mapper) {
        return JsonSchemas.needsWrapping(JsonSchemas.generate(type, mapper)) ? JsonSchemas.wrapperKey(type) : null;
    }
}
