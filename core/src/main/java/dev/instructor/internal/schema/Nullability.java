package dev.instructor.internal.schema;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Makes a schema also accept {@code null}, in the forms strict providers understand. */
final class Nullability {
    private Nullability() {}

    /**
     * Returns {@code schema} widened to accept null: a {@code type} becomes {@code ["T", "null"]} (with {@code null}
     * added to an {@code enum}), a union gains a {@code {"type": "null"}} branch, anything else ({@code $ref},
     * {@code const}) becomes {@code anyOf [schema, {"type": "null"}]} with its description kept outside.
     */
    static ObjectNode nullable(ObjectNode schema) {
        if (acceptsNull(schema)) {
            return schema;
        }
        ObjectNode result = schema.deepCopy();
        JsonNode type = result.get("type");
        if (type != null && !result.has("const") && !result.has("$ref")) {
            ArrayNode types = result.arrayNode();
            if (type.isArray()) {
                types.addAll((ArrayNode) type);
            } else {
                types.add(type);
            }
            types.add("null");
            result.set("type", types);
            if (result.get("enum") instanceof ArrayNode values) {
                values.addNull();
            }
            return result;
        }
        if (result.get("anyOf") instanceof ArrayNode branches) {
            branches.addObject().put("type", "null");
            return result;
        }
        ObjectNode wrapper = result.objectNode();
        JsonNode description = result.remove("description");
        ArrayNode anyOf = wrapper.putArray("anyOf");
        anyOf.add(result);
        anyOf.addObject().put("type", "null");
        if (description != null) {
            wrapper.set("description", description);
        }
        return wrapper;
    }

    /** Whether {@code schema} already lets {@code null} through, by its type or one of its union branches. */
    static boolean acceptsNull(ObjectNode schema) {
        if (Subschemas.hasType(schema, "null")) {
            return true;
        }
        for (String union : new String[] {"anyOf", "oneOf"}) {
            for (JsonNode branch : schema.path(union)) {
                if (branch instanceof ObjectNode object && Subschemas.hasType(object, "null")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Adds {@code null} to the {@code enum} of a schema whose {@code type} admits null, so the two agree. */
    static void allowNullInEnum(ObjectNode schema) {
        if (Subschemas.hasType(schema, "null") && schema.get("enum") instanceof ArrayNode values) {
            for (JsonNode value : values) {
                if (value.isNull()) {
                    return;
                }
            }
            values.addNull();
        }
    }
}
