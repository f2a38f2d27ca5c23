package dev.instructor.internal.schema;

import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Rewrites a plain schema into the JSON Schema subset Google Gemini accepts as {@code responseJsonSchema}
 * ({@code generationConfig.responseJsonSchema}, and {@code parametersJsonSchema} for functions).
 *
 * <p>Followed: the {@code responseJsonSchema} field reference of the Gemini API (GenerateContentConfig, 2025):
 * supported are {@code $id}, {@code $defs}, {@code $ref}, {@code $anchor}, {@code type}, {@code format},
 * {@code title}, {@code description}, {@code enum} (strings and numbers), {@code items}, {@code prefixItems},
 * {@code minItems}, {@code maxItems}, {@code minimum}, {@code maximum}, {@code anyOf}, {@code oneOf} (read as
 * {@code anyOf}), {@code properties}, {@code additionalProperties}, {@code required}, and the non-standard
 * {@code propertyOrdering}; a sub-schema with {@code $ref} may carry no other keyword except {@code $}-keywords.
 *
 * <p>Decisions: keywords outside that list move into the description when they constrain the value
 * ({@code minLength}, {@code maxLength}, {@code pattern}, {@code exclusiveMinimum}, {@code exclusiveMaximum},
 * {@code multipleOf}, {@code uniqueItems}, {@code contentEncoding}, a map's {@code propertyNames}) and are dropped
 * otherwise; {@code const} becomes a one-value
 * {@code enum}; {@code oneOf} becomes {@code anyOf}; a {@code $ref} with siblings is replaced by a copy of its
 * definition carrying them; every object with properties gets {@code propertyOrdering} in declaration order, so the
 * model writes a union's discriminator first. Nullable types stay {@code ["T", "null"]}. Gemini unrolls recursive
 * references only a few levels and documents them as safe only under non-required properties; that is left to the
 * caller's type design.
 */
public final class GeminiSchema {
    private static final Set<String> SUPPORTED = Set.of(
            "$id",
            "$defs",
            "$ref",
            "$anchor",
            "type",
            "format",
            "title",
            "description",
            "enum",
            "items",
            "prefixItems",
            "minItems",
            "maxItems",
            "minimum",
            "maximum",
            "anyOf",
            "properties",
            "additionalProperties",
            "required",
            "propertyOrdering");

    private static final Set<String> MOVED_TO_DESCRIPTION = Set.of(
            "minLength",
            "maxLength",
            "pattern",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "multipleOf",
            "uniqueItems",
            "minProperties",
            "maxProperties",
            "contentEncoding",
            "propertyNames");

    private GeminiSchema() {}

    /** Returns the Gemini form of {@code schema}, a new tree. */
    public static ObjectNode rewrite(ObjectNode schema) {
        return new Pass(schema).node(schema.deepCopy(), "");
    }

    /** One rewrite, holding the original root to resolve references against. */
    private record Pass(ObjectNode original) {
        ObjectNode node(ObjectNode node, String path) {
            AllOfParts.merge(node); // the dialect takes no allOf: its parts are merged, not dropped
            ObjectNode current = References.inlineWithSiblings(original, node);
            if (current.has("oneOf")) {
                current.set("anyOf", current.remove("oneOf"));
            }
            if (current.has("const")) {
                JsonNode value = current.remove("const");
                current.putArray("enum").add(value);
            }
            if (current.path("items").isBoolean()) {
                current.remove("items"); // a schema there, not a boolean; maxItems still ends the array
            }
            ConstraintText.moveToDescription(current, MOVED_TO_DESCRIPTION);
            current.retain(SUPPORTED);
            if (current.get("properties") instanceof ObjectNode properties && !properties.isEmpty()) {
                ArrayNode ordering = current.putArray("propertyOrdering");
                for (Map.Entry<String, JsonNode> property : properties.properties()) {
                    ordering.add(property.getKey());
                }
            }
            Subschemas.rewriteChildren(current, path, this::node);
            return current;
        }
    }
}
