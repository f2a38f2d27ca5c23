package dev.instructor.ollama;

import dev.instructor.internal.transport.Json;
import dev.instructor.internal.transport.SchemaPrompt;
import dev.instructor.spi.Message;
import dev.instructor.spi.Mode;
import dev.instructor.spi.ProviderRequest;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Builds an {@code /api/chat} request body. */
final class OllamaBody {
    private OllamaBody() {}

    static ObjectNode build(ProviderRequest request, Mode mode, ObjectNode schema) {
        ObjectNode body = Json.object();
        body.put("model", request.requireModel());
        ArrayNode messages = body.putArray("messages");
        if (mode != Mode.JSON_SCHEMA) {
            messages.addObject().put("role", "system").put("content", SchemaPrompt.forMode(mode, schema));
        }
        for (Message message : request.messages()) {
            messages.add(message(message));
        }
        body.put("stream", true);
        switch (mode) {
            case JSON_SCHEMA -> body.set("format", schema);
            case JSON -> body.put("format", "json");
            default -> {
                // MD_JSON: plain text.
            }
        }
        ObjectNode options = Json.object();
        if (request.temperature() != null) {
            options.put("temperature", request.temperature());
        }
        if (request.maxTokens() != null) {
            options.put("num_predict", request.maxTokens());
        }
        if (!options.isEmpty()) {
            body.set("options", options);
        }
        Json.merge(body, request.extraBody());
        return body;
    }

    private static ObjectNode message(Message message) {
        ObjectNode node = Json.object();
        if (message instanceof Message.SystemMessage m) {
            node.put("role", "system").put("content", m.text());
        } else if (message instanceof Message.UserMessage m) {
            node.put("role", "user").put("content", m.text());
        } else if (message instanceof Message.AssistantMessage m) {
            node.put("role", "assistant").put("content", m.text());
        } else if (message instanceof Message.ToolCallMessage m) {
            // TOOLS is not offered here; a tool-call turn is replayed as the assistant's text.
            node.put("role", "assistant").put("content", m.arguments());
        } else if (message instanceof Message.ToolResultMessage m) {
            node.put("role", "user").put("content", m.content());
        }
        return node;
    }
}
