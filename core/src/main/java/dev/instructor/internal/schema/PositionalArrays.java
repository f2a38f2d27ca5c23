package dev.instructor.internal.schema;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Positional arrays ({@code prefixItems}, one schema per position, nothing after them): built from an object schema
 * in the order Jackson writes its properties, and flattened into {@code items} for a dialect without
 * {@code prefixItems}.
 *
 * <p>Each position carries its name as {@code title}: the model has to know which value goes where, and nothing else
 * in a position says it.
 */
final class PositionalArrays {
    private PositionalArrays() {}

    /**
     * The array of the values of {@code object}'s properties named in {@code order} (Jackson's writing order; names
     * the object schema does not have are skipped), then optional positions for {@code writtenOnly}, the properties
     * Jackson writes after them but does not read (a computed getter's): it reads an array's positions as its readable
     * properties, and ignores any values after them. A position whose property is not required may be null, as Jackson
     * writes null there. The object's description, if any, goes to the array.
     */
    static ObjectNode ofProperties(ObjectNode object, List<String> order, Map<String, ObjectNode> writtenOnly) {
        JsonNode properties = object.path("properties");
        Set<String> required = new LinkedHashSet<>();
        object.path("required").forEach(name -> required.add(name.asString()));
        ObjectNode array = object.objectNode();
        if (object.has("description")) {
            array.set("description", object.get("description"));
        }
        array.put("type", "array");
        ArrayNode positions = array.putArray("prefixItems");
        for (String name : order) {
            // The property's own node, never a copy: it may be a reference victools fills in only at the end.
            if (properties.get(name) instanceof ObjectNode schema) {
                positions.add(titled(required.contains(name) ? schema : Nullability.nullableInPlace(schema), name));
            }
        }
        int read = positions.size();
        writtenOnly.forEach((name, schema) -> positions.add(titled(schema, name)));
        if (positions.isEmpty()) {
            array.remove("prefixItems"); // 2020-12 wants at least one; an object without properties is written as []
        }
        return close(array, read, positions.size());
    }

    /** Ends {@code array} after its positions: at least {@code min} of them, at most {@code max}. */
    static ObjectNode close(ObjectNode array, int min, int max) {
        array.put("items", false);
        array.put("minItems", min);
        array.put("maxItems", max);
        return array;
    }

    /** Gives {@code position} the title {@code title}, as its first keyword; the node itself, not a copy. */
    static ObjectNode titled(ObjectNode position, String title) {
        ObjectNode keywords = position.objectNode().setAll(position);
        keywords.remove("title");
        position.removeAll();
        position.put("title", title);
        return position.setAll(keywords);
    }

    /**
     * Rewrites a positional {@code array} in place as one {@code items} schema, for a dialect that has no
     * {@code prefixItems}: the positions' schema when they all have the same one, else {@code anyOf} the different
     * ones; {@code minItems} and {@code maxItems} stay, and the order goes into the description in words
     * ("Items in order: x, y."); an array without positions ({@code maxItems: 0}) gets a placeholder. Everything
     * Jackson writes still conforms; what is lost is which position takes which schema, so an answer with values
     * swapped conforms too, and only the binding (or validation) catches it.
     */
    static void flatten(ObjectNode array) {
        JsonNode positions = array.remove("prefixItems");
        Set<JsonNode> schemas = new LinkedHashSet<>();
        List<String> labels = new ArrayList<>();
        for (JsonNode position : positions == null ? List.<JsonNode>of() : positions) {
            if (position instanceof ObjectNode schema) {
                labels.add(label(schema));
                ObjectNode untitled = schema.deepCopy();
                untitled.remove("title");
                schemas.add(untitled);
            }
        }
        if (array.remove("items") instanceof ObjectNode rest) {
            schemas.add(rest); // values after the positions, when the array allows them
        }
        if (schemas.isEmpty()) {
            // An array with no positions (maxItems 0): items still needs a schema, and an empty anyOf is invalid.
            array.putObject("items").put("type", "null");
        } else if (schemas.size() == 1) {
            array.set("items", schemas.iterator().next());
        } else {
            array.putObject("items").putArray("anyOf").addAll(schemas);
        }
        if (!labels.isEmpty()) {
            ConstraintText.appendSentence(array, "Items in order: " + String.join(", ", labels) + ".");
        }
    }

    /** How the order sentence names a position: its title, else its constant, else its type. */
    private static String label(ObjectNode position) {
        if (position.has("title")) {
            return position.get("title").asString();
        }
        if (position.has("const")) {
            return position.get("const").toString();
        }
        JsonNode type = position.get("type");
        return type == null ? "a value" : type.isString() ? type.asString() : type.toString();
    }
}
