package dev.instructor.internal.schema;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Puts a schema whose root is not an object under one required property of a new object root. */
public final class SchemaWrapping {
    /** The definition that holds a wrapped root which refers to itself. */
    static final String ROOT_DEFINITION = "Root";

    private SchemaWrapping() {}

    /** Whether {@code schema} is an object schema with properties, which every provider accepts as a root. */
    public static boolean isObjectRoot(ObjectNode schema) {
        return "object".equals(schema.path("type").asString(null))
                && schema.has("properties")
                && !schema.has("anyOf")
                && !schema.has("oneOf");
    }

    /** Wraps {@code schema} under {@code key}; see {@code JsonSchemas.wrap}. */
    public static ObjectNode wrap(ObjectNode schema, String key) {
        ObjectNode inner = schema.deepCopy();
        JsonNode dialect = inner.remove("$schema");
        JsonNode definitions = inner.remove("$defs");
        ObjectNode defs = definitions instanceof ObjectNode d ? d : JsonNodeFactory.instance.objectNode();
        if (refersTo(inner, "#") || refersTo(defs, "#")) {
            String name = freeName(defs);
            String ref = "#/$defs/" + name;
            redirect(inner, ref);
            redirect(defs, ref);
            defs.set(name, inner);
            inner = JsonNodeFactory.instance.objectNode().put("$ref", ref);
        }
        ObjectNode wrapper = JsonNodeFactory.instance.objectNode();
        if (dialect != null) {
            wrapper.set("$schema", dialect);
        }
        wrapper.put("type", "object");
        wrapper.putObject("properties").set(key, inner);
        wrapper.putArray("required").add(key);
        wrapper.put("additionalProperties", false);
        if (!defs.isEmpty()) {
            wrapper.set("$defs", defs);
        }
        return wrapper;
    }

    private static String freeName(ObjectNode defs) {
        String name = ROOT_DEFINITION;
        for (int i = 2; defs.has(name); i++) {
            name = ROOT_DEFINITION + i;
        }
        return name;
    }

    private static boolean refersTo(JsonNode node, String ref) {
        if (node.isObject() && ref.equals(node.path("$ref").asString(null))) {
            return true;
        }
        for (JsonNode child : node) {
            if (refersTo(child, ref)) {
                return true;
            }
        }
        return false;
    }

    private static void redirect(JsonNode node, String ref) {
        if (node instanceof ObjectNode object && "#".equals(object.path("$ref").asString(null))) {
            object.put("$ref", ref);
        }
        for (JsonNode child : node) {
            redirect(child, ref);
        }
    }
}
