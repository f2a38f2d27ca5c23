package dev.instructor.internal.client;

import dev.instructor.schema.JsonSchemas;
import tools.jackson.databind.JsonNode;

/**
 * Tells, from the schema the model was asked for, whether a wrapped list's items are always JSON objects: records,
 * beans, maps, unions of those. Then a list written bare starts <code>[&#123;</code>, and an answer that starts with a
 * {@code [} followed by anything else is prose ({@code [1] Here is the JSON: ...}, {@code [ ] ...}), not the list.
 */
final class ObjectItems {
    /** How many references are followed before giving up: a schema that refers to itself only. */
    private static final int MAX_REFERENCES = 16;

    private ObjectItems() {}

    /** Returns true when every item of the list that {@code wrapped}, the wrapped schema, asks for is an object. */
    static boolean in(JsonNode wrapped) {
        JsonNode items = wrapped.path("properties").path(JsonSchemas.ITEMS).path("items");
        return isObject(items, wrapped, 0);
    }

    private static boolean isObject(JsonNode schema, JsonNode root, int references) {
        JsonNode reference = schema.get("$ref");
        if (reference != null) {
            String ref = reference.asString();
            // Only references into the schema itself are made (JsonSchemas puts shared types under $defs).
            return ref.startsWith("#/")
                    && references < MAX_REFERENCES
                    && isObject(root.at(ref.substring(1)), root, references + 1);
        }
        JsonNode type = schema.get("type");
        if (type != null) {
            return type.isString() && type.asString().equals("object");
        }
        for (String choice : new String[] {"anyOf", "oneOf"}) {
            JsonNode branches = schema.get(choice);
            if (branches != null && branches.isArray() && !branches.isEmpty()) {
                for (JsonNode branch : branches) {
                    if (!isObject(branch, root, references)) {
                        return false;
                    }
                }
                return true;
            }
        }
        return false; // any value ({}), or a schema this check does not know: a bare array may hold anything
    }
}
