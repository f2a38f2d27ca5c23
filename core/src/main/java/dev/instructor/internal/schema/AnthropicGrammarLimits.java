package dev.instructor.internal.schema;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Rejects what Anthropic's structured outputs cannot compile into a grammar, beyond the keywords
 * {@link AnthropicSchema} moves into descriptions: a recursive schema (a {@code $ref} back to a schema it is inside)
 * and a subschema that says nothing of its type ({@code {}}: a member of type {@code Object} or {@code JsonNode}),
 * which would allow any JSON. Both fail with a message naming the place and the way out, tool mode, whose
 * {@code input_schema} takes any schema.
 */
final class AnthropicGrammarLimits {
    /** Keywords that each give a subschema a type, a set of values or a shape; a subschema with none accepts any JSON. */
    private static final List<String> TYPING =
            List.of("type", "enum", "const", "anyOf", "oneOf", "allOf", "$ref", "properties", "items");

    private static final Set<String> SCHEMA_MAPS = Set.of("properties", "$defs", "definitions");
    private static final Set<String> SCHEMA_VALUES = Set.of("items", "additionalProperties", "not");
    private static final Set<String> SCHEMA_ARRAYS = Set.of("anyOf", "oneOf", "allOf", "prefixItems");

    private AnthropicGrammarLimits() {}

    /**
     * Checks {@code schema}, already in the structured-outputs form.
     *
     * @throws IllegalArgumentException naming the untyped subschema or the recursive reference
     */
    static void check(ObjectNode schema) {
        untyped(schema, "");
        recursive(schema, "#", new HashSet<>(), new HashSet<>());
    }

    private static void untyped(JsonNode node, String path) {
        if (!node.isObject()) {
            return;
        }
        if (TYPING.stream().noneMatch(node::has)) {
            throw new IllegalArgumentException("Anthropic structured outputs cannot express a value of any type at "
                    + (path.isEmpty() ? "/" : path) + " (an Object or JsonNode property?); give it a type, or use"
                    + " Mode.TOOLS");
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String key = entry.getKey();
            JsonNode value = entry.getValue();
            String at = path + "/" + key;
            if (SCHEMA_MAPS.contains(key)) {
                for (Map.Entry<String, JsonNode> child : value.properties()) {
                    untyped(child.getValue(), at + "/" + child.getKey());
                }
            } else if (SCHEMA_VALUES.contains(key)) {
                untyped(value, at);
            } else if (SCHEMA_ARRAYS.contains(key)) {
                for (int i = 0; i < value.size(); i++) {
                    untyped(value.get(i), at + "/" + i);
                }
            }
        }
    }

    /** Follows the references out of the schema {@code ref} names, depth first, failing on one back into the path. */
    private static void recursive(ObjectNode root, String ref, Set<String> path, Set<String> done) {
        if (done.contains(ref)) {
            return;
        }
        if (!path.add(ref)) {
            throw new IllegalArgumentException("Anthropic structured outputs cannot express a recursive schema (" + ref
                    + " refers back to itself); use Mode.TOOLS");
        }
        JsonNode target = ref.equals("#") ? root : root.at(ref.substring(1));
        Set<String> refs = new HashSet<>();
        references(target, refs);
        for (String next : refs) {
            if (next.startsWith("#")) { // only local references can be followed; the dialects leave no others
                recursive(root, next, path, done);
            }
        }
        path.remove(ref);
        done.add(ref);
    }

    /** Collects the references in {@code node}, leaving out its definitions, which are reached through them. */
    private static void references(JsonNode node, Set<String> refs) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                if (entry.getKey().equals("$ref") && entry.getValue().isString()) {
                    refs.add(entry.getValue().stringValue());
                } else if (!entry.getKey().equals("$defs") && !entry.getKey().equals("definitions")) {
                    references(entry.getValue(), refs);
                }
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                references(item, refs);
            }
        }
    }
}
