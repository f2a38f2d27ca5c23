package dev.instructor.openai;

import dev.instructor.internal.transport.Json;
import dev.instructor.internal.transport.SchemaPrompt;
import dev.instructor.spi.Message;
import dev.instructor.spi.Mode;
import dev.instructor.spi.ProviderRequest;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Builds a Chat Completions request body. */
final class ChatBody {
    private ChatBody() {}

    static ObjectNode build(
            ProviderRequest request,
            Mode mode,
            ObjectNode schema,
            boolean strict,
            String maxTokensField,
            boolean usage,
            boolean noParallelToolCalls) {
        ObjectNode body = Json.object();
        // An Azure deployment or a compatible server may choose the model (OpenAi.validate lets only them omit it).
        if (!request.model().isEmpty()) {
            body.put("model", request.model());
        }
        ArrayNode messages = body.putArray("messages");
        if (mode == Mode.JSON || mode == Mode.MD_JSON) {
            messages.addObject().put("role", "system").put("content", SchemaPrompt.forMode(mode, schema));
        }
        for (Message message : request.messages()) {
            messages.add(message(message));
        }
        body.put("stream", true);
        if (usage) {
            body.putObject("stream_options").put("include_usage", true);
        }
        if (request.temperature() != null) {
            body.put("temperature", request.temperature());
        }
        if (request.maxTokens() != null) {
            body.put(maxTokensField, request.maxTokens());
        }
        switch (mode) {
            case TOOLS -> {
                ObjectNode function = body.putArray("tools")
                        .addObject()
                        .put("type", "function")
                        .putObject("function");
                function.put("name", request.schemaName());
                if (request.schemaDescription() != null) {
                    function.put("description", request.schemaDescription());
                }
                function.set("parameters", schema);
                if (strict) {
                    function.put("strict", true);
                }
                body.putObject("tool_choice")
                        .put("type", "function")
                        .putObject("function")
                        .put("name", request.schemaName());
                // Strict schemas are not guaranteed for parallel calls; we want exactly one call anyway. The
                // o-series reasoning models answer 400 unsupported_parameter to the field, so they are not sent it.
                if (noParallelToolCalls && !isOSeries(request.model())) {
                    body.put("parallel_tool_calls", false);
                }
            }
            case JSON_SCHEMA -> {
                ObjectNode format = body.putObject("response_format").put("type", "json_schema");
                ObjectNode jsonSchema = format.putObject("json_schema").put("name", request.schemaName());
                if (request.schemaDescription() != null) {
                    jsonSchema.put("description", request.schemaDescription());
                }
                jsonSchema.set("schema", schema);
                jsonSchema.put("strict", strict);
            }
            case JSON -> body.putObject("response_format").put("type", "json_object");
            case MD_JSON -> {
                // Plain text: the fenced JSON is found by the lenient parser.
            }
        }
        Json.merge(body, request.extraBody());
        return body;
    }

    /** Whether the model is an OpenAI o-series reasoning model ({@code o1}, {@code o3-mini}, {@code o4-mini}...). */
    static boolean isOSeries(String model) {
        String name = model.startsWith("openai/") ? model.substring("openai/".length()) : model;
        return name.length() >= 2 && name.charAt(0) == 'o' && Character.isDigit(name.charAt(1));
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
            node.put("role", "assistant");
            ObjectNode call = node.putArray("tool_calls").addObject();
            call.put("id", m.id()).put("type", "function");
            call.putObject("function").put("name", m.name()).put("arguments", m.arguments());
        } else if (message instanceof Message.ToolResultMessage m) {
            node.put("role", "tool").put("tool_call_id", m.id()).put("content", m.content());
        }
        return node;
    }
}
