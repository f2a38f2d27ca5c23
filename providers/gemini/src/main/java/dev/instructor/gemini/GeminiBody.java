package dev.instructor.gemini;

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

/** Builds a {@code generateContent} request body. Consecutive turns of one role are merged into one content. */
final class GeminiBody {
    private GeminiBody() {}

    static ObjectNode build(ProviderRequest request, Mode mode, ObjectNode schema) {
        // The model is part of the URL, not the body; checked here as the body is built before the URL.
        request.requireModel();
        ObjectNode body = Json.object();
        List<String> system = new ArrayList<>();
        for (Message message : request.messages()) {
            if (message instanceof Message.SystemMessage m) {
                system.add(m.text());
            }
        }
        if (mode == Mode.JSON || mode == Mode.MD_JSON) {
            system.add(SchemaPrompt.forMode(mode, schema));
        }
        body.set("contents", contents(request.messages()));
        if (!system.isEmpty()) {
            body.putObject("systemInstruction").putArray("parts").addObject().put("text", String.join("\n\n", system));
        }
        ObjectNode config = body.putObject("generationConfig");
        if (request.temperature() != null) {
            config.put("temperature", request.temperature());
        }
        if (request.maxTokens() != null) {
            config.put("maxOutputTokens", request.maxTokens());
        }
        switch (mode) {
            case JSON_SCHEMA -> {
                config.put("responseMimeType", "application/json");
                config.set("responseJsonSchema", schema);
            }
            case JSON -> config.put("responseMimeType", "application/json");
            case TOOLS -> {
                ObjectNode function = body.putArray("tools")
                        .addObject()
                        .putArray("functionDeclarations")
                        .addObject();
                function.put("name", request.schemaName());
                if (request.schemaDescription() != null) {
                    function.put("description", request.schemaDescription());
                }
                function.set("parametersJsonSchema", schema);
                ObjectNode calling = body.putObject("toolConfig").putObject("functionCallingConfig");
                calling.put("mode", "ANY").putArray("allowedFunctionNames").add(request.schemaName());
            }
            case MD_JSON -> {
                // Plain text; the schema is in the system instruction.
            }
        }
        if (config.isEmpty()) {
            body.remove("generationConfig");
        }
        Json.merge(body, request.extraBody());
        return body;
    }

    private static ArrayNode contents(List<Message> messages) {
        Map<String, String> notObjects = ToolArguments.notObjects(messages);
        ArrayNode out = Json.MAPPER.createArrayNode();
        String lastRole = null;
        ArrayNode parts = null;
        for (Message message : messages) {
            // A part with empty text has no data and is rejected; an empty answer being re-asked is left out.
            if (message instanceof Message.SystemMessage
                    || message instanceof Message.AssistantMessage m && m.text().isBlank()) {
                continue;
            }
            String role = message instanceof Message.AssistantMessage || message instanceof Message.ToolCallMessage
                    ? "model"
                    : "user";
            if (!role.equals(lastRole)) {
                parts = out.addObject().put("role", role).putArray("parts");
                lastRole = role;
            }
            parts.add(part(message, notObjects));
        }
        return out;
    }

    static final String SKIP_SIGNATURE_CHECK = "skip_thought_signature_validator";

    private static ObjectNode part(Message message, Map<String, String> notObjects) {
        ObjectNode part = Json.object();
        if (message instanceof Message.UserMessage m) {
            part.put("text", m.text());
        } else if (message instanceof Message.AssistantMessage m) {
            part.put("text", m.text());
        } else if (message instanceof Message.ToolCallMessage m) {
            // The id pairs the call with its functionResponse (Gemini 3 gives every call one); the re-ask always
            // has one, the model's own or one made up for a call that came without.
            ObjectNode call = part.putObject("functionCall").put("id", m.id()).put("name", m.name());
            call.set("args", ToolArguments.asObject(m.arguments()));
            // Gemini 3 answers 400 to a replayed functionCall without the thoughtSignature it came with. When the
            // call has none (another provider's, or a hand-built history) we send the value Google documents for an
            // unavailable signature (https://ai.google.dev/gemini-api/docs/thought-signatures), which skips the check.
            part.put("thoughtSignature", m.signature() != null ? m.signature() : SKIP_SIGNATURE_CHECK);
        } else if (message instanceof Message.ToolResultMessage m) {
            ObjectNode response =
                    part.putObject("functionResponse").put("id", m.id()).put("name", m.name());
            String written = notObjects.get(m.id());
            String content = written == null
                    ? m.content()
                    : "Your arguments were not a JSON object, so they are shown above as {}. You wrote:\n" + written
                            + "\n\n" + m.content();
            response.putObject("response").put(m.error() ? "error" : "result", content);
        }
        return part;
    }
}
