package dev.instructor.internal.transport;

import dev.instructor.spi.Message;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Tool-call arguments replayed to an API that takes them only as a JSON object (Anthropic's {@code tool_use} input,
 * Gemini's {@code functionCall} args). Arguments that were no object, the reason for a re-ask, are sent as
 * {@code {}}, and the call's result quotes what the model wrote, so that it sees what it is asked to mend.
 */
public final class ToolArguments {
    private ToolArguments() {}

    /** Returns the arguments as the object to send: parsed, or {@code {}} when they are not a JSON object. */
    public static JsonNode asObject(String arguments) {
        JsonNode parsed = objectOrNull(arguments);
        return parsed != null ? parsed : Json.object();
    }

    /** Returns, by call id, the arguments of the tool calls among {@code messages} that are not a JSON object. */
    public static Map<String, String> notObjects(List<Message> messages) {
        Map<String, String> found = new HashMap<>();
        for (Message message : messages) {
            if (message instanceof Message.ToolCallMessage m && objectOrNull(m.arguments()) == null) {
                found.put(m.id(), m.arguments());
            }
        }
        return found;
    }

    private static JsonNode objectOrNull(String arguments) {
        try {
            JsonNode parsed = Json.parse(arguments);
            return parsed.isObject() ? parsed : null;
        } catch (JacksonException notJson) {
            return null;
        }
    }
}
