package dev.instructor.internal.transport;

import dev.instructor.spi.Mode;
import tools.jackson.databind.node.ObjectNode;

/** The instruction that carries the schema in the modes whose API does not take one (JSON, MD_JSON). */
public final class SchemaPrompt {
    private SchemaPrompt() {}

    /** Returns the instruction for {@code mode}, embedding the schema as compact JSON. */
    public static String forMode(Mode mode, ObjectNode schema) {
        String json = Json.MAPPER.writeValueAsString(schema);
        if (mode == Mode.MD_JSON) {
            return "Answer with a single JSON value in a ```json fenced code block. It must conform to this JSON"
                    + " Schema:\n" + json;
        }
        return "Answer with a single JSON value and nothing else. It must conform to this JSON Schema:\n" + json;
    }
}
