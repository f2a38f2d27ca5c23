package dev.instructor.openai;

import dev.instructor.internal.transport.Json;
import dev.instructor.internal.transport.SchemaPrompt;
import dev.instructor.spi.Message;
import dev.instructor.spi.Mode;
import dev.instructor.spi.ProviderRequest;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Builds a Responses API ({@code /v1/responses}) request body. */
final class ResponsesBody {
    private ResponsesBody() {}

    static ObjectNode build(
            ProviderRequest request, Mode mode, ObjectNode schema, boolean strict, boolean noParallelToolCalls) {
        ObjectNode body = Json.object();
        body.put("model", request.requireModel());
        ArrayNode input = body.putArray("input");
        if (mode == Mode.JSON) {
            input.addObject().put("role", "system").put("content", SchemaPrompt.forMode(mode, schema));
        }
        for (Message message : request.messages()) {
            input.add(item(message));
        }
        body.put("stream", true);
        if (request.temperature() != null) {
            body.put("temperature", request.temperature());
        }
        if (request.maxTokens() != null) {
            body.put("max_output_tokens", request.maxTokens());
        }
        switch (mode) {
            case TOOLS -> {
                ObjectNode tool = body.putArray("tools").addObject();
                tool.put("type", "function").put("name", request.schemaName());
                if (request.schemaDescription() != null) {
                    tool.put("description", request.schemaDescription());
                }
                tool.set("parameters", schema);
                tool.put("strict", strict);
                body.putObject("tool_choice").put("type", "function").put("name", request.schemaName());
                if (noParallelToolCalls) {
                    body.put("parallel_tool_calls", false);
                }
            }
            case JSON_SCHEMA -> {
                ObjectNode format = body.putObject("text").putObject("format");
                format.put("type", "json_schema").put("name", request.schemaName());
                if (request.schemaDescription() != null) {
                    format.put("description", request.schemaDescription());
                }
                format.set("schema", schema);
                format.put("strict", strict);
            }
            case JSON -> body.putObject("text").putObject("format").put("type", "json_object");
            default -> throw new IllegalArgumentException("the Responses API does not support mode " + mode);
        }
        Json.merge(body, request.extraBody());
        return body;
    }

    private static ObjectNode item(Message message) {
        ObjectNode node = Json.object();
        if (message instanceof Message.SystemMessage m) {
            node.put("role", "system").put("content", m.text());
        } else if (message instanceof Message.UserMessage m) {
            node.put("role", "user").put("content", m.text());
        } else if (message instanceof Message.AssistantMessage m) {
            node.put("role", "assistant").put("content", m.text());
        } else if (message instanceof Message.ToolCallMessage m) {
            node.put("type", "function_call")
                    .put("call_id", m.id())
                    .put("name", m.name())
                    .put("arguments", m.arguments());
        } else if (message instanceof Message.ToolResultMessage m) {
            node.put("type", "function_call_output").put("call_id", m.id()).put("output", m.content());
        }
        return node;
    }
}
