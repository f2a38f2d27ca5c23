package dev.instructor.internal.schema;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Merges an {@code allOf} into its node for the dialects that take none (Gemini, OpenAI strict), which would otherwise
 * drop it and with it the whole schema of the value: victools splits a property's schema into an {@code allOf} of
 * its type's and its own where both have a description (an enum Jackson writes as numbers, described on the type and
 * the property). Keywords are taken from each part in turn; descriptions are joined, a later part's (the property's)
 * first; a keyword a later part gives another value (two constraints of one kind) stays out of the schema but goes into
 * the description, so that the model still reads it.
 */
final class AllOfParts {
    private AllOfParts() {}

    /** Merges {@code node}'s {@code allOf} into {@code node}, if it has one whose parts are all objects. */
    static void merge(ObjectNode node) {
        if (!(node.get("allOf") instanceof ArrayNode parts)) {
            return;
        }
        for (JsonNode part : parts) {
            if (!(part instanceof ObjectNode)) {
                return;
            }
        }
        node.remove("allOf");
        for (JsonNode part : parts) {
            for (Map.Entry<String, JsonNode> keyword : part.properties()) {
                String name = keyword.getKey();
                JsonNode known = node.get(name);
                if (known == null) {
                    node.set(name, keyword.getValue().deepCopy());
                } else if (name.equals("description")) {
                    String own = node.remove("description").asString();
                    node.put("description", keyword.getValue().asString());
                    ConstraintText.appendSentence(node, own);
                } else if (!known.equals(keyword.getValue())) {
                    ObjectNode kept =
                            node.objectNode().set(name, keyword.getValue().deepCopy());
                    ConstraintText.appendSentence(node, "Must also match the JSON Schema " + kept + ".");
                }
            }
        }
        reorderDescription(node, List.copyOf(node.propertyNames()));
    }

    /** Puts the description last, where the rewrites expect appended sentences to go. */
    private static void reorderDescription(ObjectNode node, List<String> names) {
        if (node.has("description") && !names.get(names.size() - 1).equals("description")) {
            node.set("description", node.remove("description"));
        }
    }
}
