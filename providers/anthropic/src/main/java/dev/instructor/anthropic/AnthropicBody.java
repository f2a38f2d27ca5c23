package dev.instructor.anthropic;

import dev.instructor.internal.transport.Json;
import dev.instructor.internal.transport.SchemaPrompt;
import dev.instructor.internal.transport.ToolArguments;
import dev.instructor.spi.Message;
import dev.instructor.spi.Mode;
import dev.instructor.spi.ProviderRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds a Messages API request body. System messages go to the top-level {@code system}; consecutive turns of one
 * role are merged, since the API expects user and assistant to alternate.
 */
final class AnthropicBody {
    private AnthropicBody() {}

    static ObjectNode build(ProviderRequest request, Mode mode, ObjectNode schema, int defaultMaxTokens) {
        ObjectNode body = Json.object();
        body.put("model", request.requireModel());
        body.put("max_tokens", request.maxTokens() == null ? defaultMaxTokens : request.maxTokens());
        List<String> system = new ArrayList<>();
        for (Message message : request.messages()) {
            if (message instanceof Message.SystemMessage m) {
                system.add(m.text());
            }
        }
        if (mode == Mode.JSON || mode == Mode.MD_JSON) {
            system.add(SchemaPrompt.forMode(mode, schema));
        }
        if (!system.isEmpty()) {
            body.put("system", String.join("\n\n", system));
        }
        body.set("messages", messages(request.messages()));
        body.put("stream", true);
        if (request.temperature() != null) {
            body.put("temperature", request.temperature());
        }
        switch (mode) {
            case TOOLS -> {
                ObjectNode tool = body.putArray("tools").addObject().put("name", request.schemaName());
                if (request.schemaDescription() != null) {
                    tool.put("description", request.schemaDescription());
                }
                tool.set("input_schema", schema);
                body.putObject("tool_choice").put("type", "tool").put("name", request.schemaName());
            }
            case JSON_SCHEMA ->
                body.putObject("output_config")
                        .putObject("format")
                        .put("type", "json_schema")
                        .set("schema", schema);
            default -> {
                // JSON and MD_JSON carry the schema in the system prompt.
            }
        }
        Json.merge(body, request.extraBody());
        return body;
    }

    private static ArrayNode messages(List<Message> messages) {
        Map<String, String> notObjects = ToolArguments.notObjects(messages);
        ArrayNode out = Json.MAPPER.createArrayNode();
        String lastRole = null;
        ArrayNode content = null;
        for (Message message : messages) {
            // The API rejects an empty or whitespace-only text block; an empty answer being re-asked is left out.
            if (message instanceof Message.SystemMessage
                    || message instanceof Message.AssistantMessage m && m.text().isBlank()) {
                continue;
            }
            String role = message instanceof Message.AssistantMessage || message instanceof Message.ToolCallMessage
                    ? "assistant"
                    : "user";
            if (!role.equals(lastRole)) {
                content = out.addObject().put("role", role).putArray("content");
                lastRole = role;
            }
            content.add(block(message, notObjects));
        }
        return out;
    }

    private static ObjectNode block(Message message, Map<String, String> notObjects) {
        ObjectNode block = Json.object();
        if (message instanceof Message.UserMessage m) {
            block.put("type", "text").put("text", m.text());
        } else if (message instanceof Message.AssistantMessage m) {
            block.put("type", "text").put("text", m.text());
        } else if (message instanceof Message.ToolCallMessage m) {
            block.put("type", "tool_use").put("id", m.id()).put("name", m.name());
            block.set("input", ToolArguments.asObject(m.arguments()));
        } else if (message instanceof Message.ToolResultMessage m) {
            String written = notObjects.get(m.id());
            String content = written == null
                    ? m.content()
                    : "Your input was not a JSON object, so it is shown above as {}. You wrote:\n" + written + "\n\n"
                            + m.content();
            block.put("type", "tool_result").put("tool_use_id", m.id()).put("content", content);
            if (m.error()) {
                block.put("is_error", true);
            }
        }
        return block;
    }
}
