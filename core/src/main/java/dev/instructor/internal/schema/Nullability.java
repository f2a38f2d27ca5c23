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
     * {@code schema} itself is not modified.
     */
    static ObjectNode nullable(ObjectNode schema) {
        if (acceptsNull(schema)) {
            return schema;
        }
        ObjectNode result = schema.deepCopy();
        JsonNode description = canWiden(result) ? null : result.remove("description");
        ObjectNode widened = widen(result);
        if (description != null) {
            widened.set("description", description);
        }
        return widened;
    }

    /**
     * Returns {@code schema} widened to accept null as {@link #nullable} does, but built on the node itself rather
     * than a copy (which it changes, or puts in a union): for use while victools generates, when a node may be a
     * reference that victools fills in only at the end, and a copy of it would stay empty.
     */
    static ObjectNode nullableInPlace(ObjectNode schema) {
        return acceptsNull(schema) ? schema : widen(schema);
    }

    private static boolean canWiden(ObjectNode schema) {
        return (schema.has("type") && !schema.has("const") && !schema.has("$ref")) || schema.get("anyOf") != null;
    }

    private static ObjectNode widen(ObjectNode schema) {
        JsonNode type = schema.get("type");
        if (type != null && !schema.has("const") && !schema.has("$ref")) {
            ArrayNode types = schema.arrayNode();
            if (type.isArray()) {
                types.addAll((ArrayNode) type);
            } else {
                types.add(type);
            }
            types.add("null");
            schema.set("type", types);
            if (schema.get("enum") instanceof ArrayNode values) {
                values.addNull();
            }
            return schema;
        }
        if (schema.get("anyOf") instanceof ArrayNode branches) {
            branches.addObject().put("type", "null");
            return schema;
        }
        ObjectNode wrapper = schema.objectNode();
        ArrayNode anyOf = wrapper.putArray("anyOf");
        anyOf.add(schema);
        anyOf.addObject().put("type", "null");
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
