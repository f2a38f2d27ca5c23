package dev.instructor.internal.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Finds and replaces the direct subschemas of a schema node, by the keywords of JSON Schema 2020-12. */
final class Subschemas {
    /** Keywords whose value is an object of named subschemas. */
    private static final Set<String> SCHEMA_MAPS =
            Set.of("properties", "$defs", "patternProperties", "dependentSchemas");

    /** Keywords whose value is one subschema (for {@code additionalProperties}, when it is not a boolean). */
    private static final Set<String> SCHEMA_VALUES = Set.of(
            "items",
            "additionalProperties",
            "not",
            "contains",
            "if",
            "then",
            "else",
            "propertyNames",
            "unevaluatedItems",
            "unevaluatedProperties");

    /** Keywords whose value is an array of subschemas. */
    private static final Set<String> SCHEMA_ARRAYS = Set.of("anyOf", "oneOf", "allOf", "prefixItems");

    private Subschemas() {}

    /**
     * Replaces each direct subschema {@code child} of {@code node} with {@code rewrite(child, pathOfChild)}. Paths
     * are JSON pointers from the root, e.g. {@code /properties/scores/additionalProperties}.
     */
    static void rewriteChildren(ObjectNode node, String path, BiFunction<ObjectNode, String, ObjectNode> rewrite) {
        List<String> keys = new ArrayList<>(node.propertyNames());
        for (String key : keys) {
            JsonNode value = node.get(key);
            String at = path + "/" + key;
            if (SCHEMA_MAPS.contains(key) && value instanceof ObjectNode map) {
                for (Map.Entry<String, JsonNode> entry : new ArrayList<>(map.properties())) {
                    if (entry.getValue() instanceof ObjectNode child) {
                        map.set(entry.getKey(), rewrite.apply(child, at + "/" + escape(entry.getKey())));
                    }
                }
            } else if (SCHEMA_VALUES.contains(key) && value instanceof ObjectNode child) {
                node.set(key, rewrite.apply(child, at));
            } else if (SCHEMA_ARRAYS.contains(key) && value instanceof ArrayNode array) {
                for (int i = 0; i < array.size(); i++) {
                    if (array.get(i) instanceof ObjectNode child) {
                        array.set(i, rewrite.apply(child, at + "/" + i));
                    }
                }
            }
        }
    }

    /** Whether {@code node} describes a JSON object: {@code type} is or includes {@code "object"}. */
    static boolean isObject(ObjectNode node) {
        return hasType(node, "object");
    }

    /** Whether {@code node}'s {@code type} is or includes {@code type}. */
    static boolean hasType(ObjectNode node, String type) {
        JsonNode declared = node.get("type");
        if (declared == null) {
            return false;
        }
        if (declared.isArray()) {
            for (JsonNode t : declared) {
                if (type.equals(t.asString())) {
                    return true;
                }
            }
            return false;
        }
        return type.equals(declared.asString());
    }

    /**
     * Resolves a local {@code $ref} ({@code "#"} or {@code "#/$defs/Name"}) against {@code root}, or returns null.
     */
    static ObjectNode resolve(ObjectNode root, String ref) {
        if (ref.equals("#")) {
            return root;
        }
        JsonNode target = root.at(ref.substring(1));
        return target instanceof ObjectNode object ? object : null;
    }

    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
