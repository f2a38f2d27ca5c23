package dev.instructor.internal.schema;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Rewrites of {@code $ref} nodes for providers stricter than JSON Schema 2020-12. */
final class References {
    private References() {}

    /**
     * Returns {@code node} itself unless it is a {@code $ref} with sibling keywords (such as a described nested
     * record); then returns a copy of the referenced definition with those siblings laid over it. Providers that
     * allow nothing beside {@code $ref} keep the description this way; the copy's own references stay references,
     * so recursion still ends.
     */
    static ObjectNode inlineWithSiblings(ObjectNode root, ObjectNode node) {
        JsonNode ref = node.get("$ref");
        if (ref == null || node.size() == 1) {
            return node;
        }
        ObjectNode target = Subschemas.resolve(root, ref.asString());
        if (target == null) {
            throw new IllegalArgumentException("Unresolvable $ref " + ref.asString());
        }
        ObjectNode inlined = target.deepCopy();
        inlined.remove("$defs");
        inlined.remove("$schema");
        for (Map.Entry<String, JsonNode> sibling : node.properties()) {
            if (!sibling.getKey().equals("$ref")) {
                inlined.set(sibling.getKey(), sibling.getValue());
            }
        }
        return inlined;
    }
}
