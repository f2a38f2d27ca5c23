package dev.instructor.internal.schema;

import tools.jackson.databind.node.ObjectNode;

/**
 * Rewrites a plain schema for Anthropic's tool {@code input_schema}: plain JSON Schema with an object root, so the
 * rewrite is minimal. {@code $schema} is dropped (the tool schema is always 2020-12-style and the keyword adds
 * nothing); everything else, constraints included, is passed through for Claude to read.
 *
 * <p>A root that is not an object fails with {@link IllegalArgumentException}: wrap it first
 * ({@code JsonSchemas.wrap}).
 */
public final class AnthropicSchema {
    private AnthropicSchema() {}

    /** Returns the Anthropic form of {@code schema}, a new tree. */
    public static ObjectNode rewrite(ObjectNode schema) {
        if (!SchemaWrapping.isObjectRoot(schema)) {
            throw new IllegalArgumentException(
                    "Anthropic tool input schemas need an object root; wrap it first with JsonSchemas.wrap");
        }
        ObjectNode copy = schema.deepCopy();
        copy.remove("$schema");
        return copy;
    }
}
