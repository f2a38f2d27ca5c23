package dev.instructor.internal.schema;

import java.util.HashSet;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Rewrites a plain schema for Anthropic's tool {@code input_schema}: plain JSON Schema with an object root, so the
 * rewrite is minimal. {@code $schema} is dropped (the tool schema is always 2020-12-style and the keyword adds
 * nothing); everything else, constraints included, is passed through for Claude to read.
 *
 * <p>A root that is not an object fails with {@link IllegalArgumentException}: wrap it first
 * ({@code JsonSchemas.wrap}).
 *
 * <p>{@link #rewriteStrict} is the form for structured outputs ({@code output_config.format}, strict tools), whose
 * schema Anthropic compiles into a grammar and answers 400 to a keyword the compiler lacks ("For 'integer' type,
 * property 'minimum' is not supported"). Followed: the JSON Schema limitations of Anthropic's structured outputs
 * guide: no numerical constraints, no string length constraints, no array constraints beyond {@code minItems} 0 or
 * 1; string formats date-time, time, date, duration, email, hostname, uri, ipv4, ipv6 and uuid. Decisions: those
 * keywords move into the description, as the official SDKs do, and our own validation still enforces them. Every
 * object must say {@code additionalProperties: false}, any other value is rejected: a map cannot be expressed and
 * fails with {@link IllegalArgumentException} naming its path, as in OpenAI's strict mode; so do a recursive schema
 * and a value of any type, which the grammar cannot express either ({@link AnthropicGrammarLimits}).
 */
public final class AnthropicSchema {
    private static final Set<String> MOVED_TO_DESCRIPTION = Set.of(
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "multipleOf",
            "minLength",
            "maxLength",
            "maxItems",
            "uniqueItems",
            "minProperties",
            "maxProperties",
            "minContains",
            "maxContains");

    private static final Set<String> SUPPORTED_FORMATS =
            Set.of("date-time", "time", "date", "duration", "email", "hostname", "uri", "ipv4", "ipv6", "uuid");

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

    /** Returns the structured-outputs form of {@code schema}, a new tree; see the class comment. */
    public static ObjectNode rewriteStrict(ObjectNode schema) {
        ObjectNode strict = strict(rewrite(schema), "");
        AnthropicGrammarLimits.check(strict);
        return strict;
    }

    private static ObjectNode strict(ObjectNode node, String path) {
        Set<String> moved = new HashSet<>(MOVED_TO_DESCRIPTION);
        if (node.path("minItems").asInt(0) > 1) {
            moved.add("minItems");
        }
        if (node.path("format").isString()
                && !SUPPORTED_FORMATS.contains(node.path("format").asString())) {
            moved.add("format");
        }
        ConstraintText.moveToDescription(node, moved);
        JsonNode additional = node.get("additionalProperties");
        if (additional != null && (additional.isObject() || additional.asBoolean(false))) {
            throw new IllegalArgumentException("Anthropic structured outputs cannot express a map (an object with"
                    + " additionalProperties) at " + (path.isEmpty() ? "/" : path) + "; use Mode.TOOLS, a list of"
                    + " entries or a record");
        }
        Subschemas.rewriteChildren(node, path, AnthropicSchema::strict);
        return node;
    }
}
