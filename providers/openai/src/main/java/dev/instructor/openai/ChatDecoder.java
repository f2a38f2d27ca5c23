package dev.instructor.openai;

import dev.instructor.internal.transport.EventSink;
import dev.instructor.internal.transport.Json;
import dev.instructor.internal.transport.ProviderError;
import dev.instructor.internal.transport.SseEvent;
import dev.instructor.internal.transport.StreamDecoder;
import dev.instructor.internal.transport.TokenCounts;
import dev.instructor.spi.Mode;
import dev.instructor.spi.ProviderEvent;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Decodes a Chat Completions stream. Only choice 0 counts ({@code n > 1} is ignored), and in TOOLS mode only the
 * tool call named like the schema, so parallel calls are never mixed up. The outcome is decided at
 * {@code [DONE]}, after the usage chunk that follows the finish reason, or when the body ends after a finish reason
 * without one. A mid-stream {@code tool_use_failed} error (Groq's check of the model's call) ends the call as an
 * invalid tool call, which the client re-asks.
 */
final class ChatDecoder implements StreamDecoder {
    private static final String TOOL_USE_FAILED = "tool_use_failed";

    private final Mode mode;
    private final String toolName;
    private final StringBuilder refusal = new StringBuilder();
    private int toolIndex = -1;
    // For servers that send tool call deltas without an index (Gemini's OpenAI layer): each call starts with an id.
    private int unindexedCall;
    private String lastCallId;
    private String finishReason;

    ChatDecoder(Mode mode, String toolName) {
        this.mode = mode;
        this.toolName = toolName;
    }

    @Override
    public void onEvent(SseEvent event, EventSink sink) {
        String data = event.data();
        // strip() looks at the two ends only, and returns the same string when there is nothing to strip.
        if (data.strip().equals("[DONE]")) {
            finish(sink);
            return;
        }
        if (event.event().equals("error")) {
            JsonNode error = parseOrNull(data);
            if (error == null) {
                sink.streamError(ProviderError.fromEventData(data)); // a proxy's plain text is the error all the same
            } else {
                error(error, sink);
            }
            return;
        }
        JsonNode chunk = Json.parse(data);
        if (Json.present(chunk, "error")) {
            // Groq and other compatible servers report failures mid-stream this way; Foundry Local sends
            // "error": null on every chunk.
            error(chunk, sink);
            return;
        }
        JsonNode usage = chunk.path("usage");
        if (!usage.isObject()) {
            usage = chunk.path("x_groq").path("usage"); // Groq's place for it, on the last chunk
        }
        if (usage.isObject()) {
            usage(usage, sink);
        }
        for (JsonNode choice : chunk.path("choices")) {
            if (choice.path("index").asInt(0) == 0) {
                choice(choice, sink);
            }
        }
    }

    /**
     * Ends the call with a mid-stream error. Groq's {@code tool_use_failed} is the model's call, which the server
     * checked against the schema and refused: the model's mistake, which the client re-asks as it does an invalid
     * answer, with what the server said and the call as written ({@code failed_generation}).
     */
    private static void error(JsonNode root, EventSink sink) {
        JsonNode error = root.path("error");
        if (TOOL_USE_FAILED.equals(Json.string(error, "code"))) {
            String written = Json.string(error, "failed_generation");
            String said = Json.text(error, "message");
            sink.invalidToolCall(
                    TOOL_USE_FAILED, written == null || written.isEmpty() ? said : said + "; the call: " + written);
        } else {
            sink.streamError(ProviderError.fromJson(root));
        }
    }

    /** Returns the data as JSON, or null when it is not JSON. */
    private static JsonNode parseOrNull(String data) {
        try {
            return Json.parse(data);
        } catch (JacksonException notJson) {
            return null;
        }
    }

    private void choice(JsonNode choice, EventSink sink) {
        JsonNode delta = choice.path("delta");
        JsonNode content = delta.path("content");
        if (mode != Mode.TOOLS) {
            if (content.isString()) {
                sink.text(content.stringValue());
            } else if (content.isArray()) {
                // Mistral's reasoning models send typed parts; their thinking parts are not the answer.
                for (JsonNode part : content) {
                    if ("text".equals(Json.string(part, "type"))) {
                        sink.text(Json.string(part, "text"));
                    }
                }
            }
        }
        String refused = Json.string(delta, "refusal");
        if (refused != null && !refused.isEmpty()) {
            refusal.append(refused);
            sink.emit(new ProviderEvent.Refusal(refused));
        }
        if (mode == Mode.TOOLS) {
            for (JsonNode call : delta.path("tool_calls")) {
                toolCall(call, sink);
            }
        }
        String finish = Json.string(choice, "finish_reason");
        if (finish != null && !finish.isEmpty()) { // sglang and older Ollama send "" on every chunk: no reason yet
            finishReason = finish;
            // Moonshot's Kimi puts the usage in its finishing choice rather than beside the choices.
            if (choice.path("usage").isObject()) {
                usage(choice.path("usage"), sink);
            }
        }
    }

    private static void usage(JsonNode usage, EventSink sink) {
        sink.emit(TokenCounts.usage(
                TokenCounts.read(usage, "prompt_tokens"),
                TokenCounts.read(usage, "completion_tokens"),
                TokenCounts.read(usage, "total_tokens")));
    }

    private void toolCall(JsonNode call, EventSink sink) {
        int index = index(call);
        JsonNode function = call.path("function");
        String name = Json.string(function, "name");
        if (toolIndex < 0 && toolName.equals(name)) {
            toolIndex = index;
            // A server that sends no id gets "": the re-ask then names the call per attempt. A made-up "call_0"
            // would be the same in every attempt, so a later re-ask would replay two calls with one id.
            sink.emit(new ProviderEvent.ToolCall(Json.text(call, "id"), name));
        }
        if (index == toolIndex) {
            sink.text(Json.string(function, "arguments"));
        }
    }

    /** Returns the call's index, or when it sends none, the number of the call in order of their ids. */
    private int index(JsonNode call) {
        if (call.path("index").isNumber()) {
            return call.path("index").asInt();
        }
        String id = Json.string(call, "id");
        if (id != null && !id.isEmpty() && !id.equals(lastCallId)) {
            if (lastCallId != null) {
                unindexedCall++;
            }
            lastCallId = id;
        }
        return unindexedCall;
    }

    private void finish(EventSink sink) {
        if (refusal.length() > 0) {
            sink.refused(refusal.toString());
        } else if ("length".equals(finishReason) || "model_length".equals(finishReason)) {
            // Mistral's model_length: cut by the context window rather than max_tokens, cut all the same.
            sink.truncated(finishReason);
        } else if ("content_filter".equals(finishReason)) {
            sink.contentFiltered(finishReason);
        } else if (finishReason == null) {
            sink.incomplete("[DONE] without a finish reason");
        } else if ("error".equals(finishReason)) {
            // Mistral and OpenRouter: the generation failed; an error object, when sent, was reported already.
            sink.streamError(new ProviderError("error", "generation failed (finish_reason error)"));
        } else if ("insufficient_system_resource".equals(finishReason) || "abort".equals(finishReason)) {
            // DeepSeek's, and vLLM's for a request its engine aborted (shutdown, a pause, scale-down): the server
            // interrupted the generation, so the answer is cut off, not finished.
            sink.incomplete("generation interrupted by the server (finish_reason " + finishReason + ")");
        } else {
            sink.complete(finishReason);
        }
    }

    @Override
    public void onEnd(EventSink sink) {
        if (finishReason != null) {
            // The body ended cleanly after the finish chunk: servers such as llama.cpp's before b3755 send no [DONE].
            finish(sink);
        } else {
            sink.incomplete("stream ended without a finish reason or [DONE]");
        }
    }
}
