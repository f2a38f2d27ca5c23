package dev.instructor.internal.transport;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The one JSON mapper of the transport and the provider modules, and null-safe field reads. */
public final class Json {
    /** A mapper with default settings; thread-safe. */
    public static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {}

    /** Parses JSON text. */
    public static JsonNode parse(String text) throws JacksonException {
        return MAPPER.readTree(text);
    }

    /** Returns a new empty object. */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /**
     * Sets each of {@code fields} on {@code body} (converting plain Java values). An object given for a field that
     * holds an object of the same {@code type} (or one without a {@code type}) is merged into it, its members
     * replacing same-named ones, so a setting nested in one (Gemini's {@code generationConfig}, Ollama's
     * {@code options}) keeps the ones the provider put there; any other value replaces the field, as does an object
     * of another {@code type} (another {@code tool_choice}, say).
     */
    public static void merge(ObjectNode body, java.util.Map<String, Object> fields) {
        fields.forEach((name, value) -> {
            JsonNode tree = MAPPER.valueToTree(value);
            if (body.get(name) instanceof ObjectNode ours
                    && tree instanceof ObjectNode theirs
                    && (!theirs.has("type") || theirs.get("type").equals(ours.get("type")))) {
                ours.setAll(theirs);
            } else {
                body.set(name, tree);
            }
        });
    }

    /** Returns whether {@code field} is there with a value other than {@code null} (some servers send null fields). */
    public static boolean present(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return !value.isMissingNode() && !value.isNull();
    }

    /** Returns the string at {@code field}, or {@code null} when absent, null or not a string. */
    public static String string(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() ? value.stringValue() : null;
    }

    /** Returns the string or number at {@code field} as text, or {@code ""}. */
    public static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() || value.isNumber() ? value.asString() : "";
    }

    /** Returns the number at {@code field}, or -1. */
    public static long number(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNumber() ? value.asLong() : -1;
    }
}
