package dev.instructor.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.instructor.internal.transport.Json;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Compares a request body with a golden JSON file from {@code /golden/}. String values of the form {@code $NAME}
 * in the golden file stand for the given JSON values (the schema after the provider's dialect, the schema prompt),
 * so the files stay right whatever the dialects do.
 */
public final class GoldenBody {
    private GoldenBody() {}

    /** Asserts the body equals the golden file with its placeholders substituted. */
    public static void assertMatches(String golden, String actualBody, Map<String, JsonNode> placeholders) {
        JsonNode expected = substitute(
                Json.parse(new String(resource(golden), java.nio.charset.StandardCharsets.UTF_8)), placeholders);
        assertThat(Json.parse(actualBody))
                .as("request body vs golden/" + golden)
                .isEqualTo(expected);
    }

    private static JsonNode substitute(JsonNode node, Map<String, JsonNode> placeholders) {
        if (node.isString() && node.stringValue().startsWith("$")) {
            JsonNode value = placeholders.get(node.stringValue().substring(1));
            if (value == null) {
                throw new IllegalArgumentException("no value for placeholder " + node.stringValue());
            }
            return value;
        }
        if (node instanceof ObjectNode object) {
            ObjectNode copy = Json.object();
            object.properties().forEach(e -> copy.set(e.getKey(), substitute(e.getValue(), placeholders)));
            return copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = Json.MAPPER.createArrayNode();
            array.forEach(item -> copy.add(substitute(item, placeholders)));
            return copy;
        }
        return node;
    }

    private static byte[] resource(String name) {
        try (var in = GoldenBody.class.getResourceAsStream("/golden/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no golden file /golden/" + name);
            }
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
