package dev.instructor.examples.demo;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes an answer as OpenAI's Chat Completions stream does: one {@code chat.completion.chunk} event per token
 * (tool-call argument deltas, or content deltas when no tool was asked for), the finish reason, a usage chunk and
 * {@code [DONE]}. It records where each event ends, so the fake server can write one event per write.
 */
final class ChatCompletionChunks {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final List<Integer> eventEnds = new ArrayList<>();
    private final String id;
    private final String model;
    private final long created;

    private ChatCompletionChunks(String id, String model, long created) {
        this.id = id;
        this.model = model;
        this.created = created;
    }

    /**
     * Returns the stream of {@code pieces}.
     *
     * @param toolName the tool the request forces, or null to answer as message content
     * @param promptTokens the usage chunk's prompt tokens
     */
    static ChatCompletionChunks of(
            String id, String model, long created, String toolName, List<String> pieces, int promptTokens) {
        ChatCompletionChunks chunks = new ChatCompletionChunks(id, model, created);
        ObjectNode first = JSON.createObjectNode().put("role", "assistant");
        if (toolName != null) {
            ObjectNode call = first.putArray("tool_calls").addObject();
            call.put("index", 0).put("id", "call_" + id).put("type", "function");
            call.putObject("function").put("name", toolName).put("arguments", "");
        } else {
            first.put("content", "");
        }
        chunks.choice(first, null);
        for (String piece : pieces) {
            ObjectNode delta = JSON.createObjectNode();
            if (toolName != null) {
                ObjectNode call = delta.putArray("tool_calls").addObject().put("index", 0);
                call.putObject("function").put("arguments", piece);
            } else {
                delta.put("content", piece);
            }
            chunks.choice(delta, null);
        }
        // A forced tool call ends with "stop", as OpenAI's API does when tool_choice names the function.
        chunks.choice(JSON.createObjectNode(), "stop");
        ObjectNode usage = chunks.chunk();
        usage.putArray("choices");
        usage.putObject("usage")
                .put("prompt_tokens", promptTokens)
                .put("completion_tokens", pieces.size())
                .put("total_tokens", promptTokens + pieces.size());
        chunks.event(JSON.writeValueAsString(usage));
        chunks.event("[DONE]");
        return chunks;
    }

    /** Returns the whole SSE body. */
    byte[] body() {
        return body.toByteArray();
    }

    /** Returns the offsets where events end, except the last (the body's end): the places to cut writes. */
    int[] splits() {
        return eventEnds.subList(0, eventEnds.size() - 1).stream()
                .mapToInt(Integer::intValue)
                .toArray();
    }

    private ObjectNode chunk() {
        ObjectNode chunk = JSON.createObjectNode();
        chunk.put("id", "chatcmpl-" + id)
                .put("object", "chat.completion.chunk")
                .put("created", created)
                .put("model", model);
        return chunk;
    }

    private void choice(ObjectNode delta, String finishReason) {
        ObjectNode chunk = chunk();
        ArrayNode choices = chunk.putArray("choices");
        ObjectNode choice = choices.addObject().put("index", 0);
        choice.set("delta", delta);
        choice.put("finish_reason", finishReason);
        event(JSON.writeValueAsString(chunk));
    }

    private void event(String data) {
        body.writeBytes(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        eventEnds.add(body.size());
    }
}
