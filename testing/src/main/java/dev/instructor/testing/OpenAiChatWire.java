package dev.instructor.testing;

import static dev.instructor.testing.JsonText.object;

import java.util.List;
import java.util.Map;

/** OpenAI Chat Completions chunks: a role chunk, {@code choices[0].delta}, a finish chunk, a usage chunk and {@code [DONE]}. */
final class OpenAiChatWire extends WireWriter {
    /** Every chunk carries the completion's creation time, in Unix seconds. */
    private static final long CREATED = 1_700_000_000L;

    private final boolean tool;

    OpenAiChatWire(boolean tool) {
        this.tool = tool;
    }

    @Override
    void start(ScriptedAnswer answer, WireBody out) {
        // The API's first chunk always names the role, with an empty start of what follows.
        if (answer.refused()) {
            out.event(null, chunk(answer, object("role", "assistant", "content", null, "refusal", ""), null));
        } else if (!tool) {
            out.event(null, chunk(answer, object("role", "assistant", "content", "", "refusal", null), null));
        } else {
            Map<String, Object> call = object(
                    "index",
                    0,
                    "id",
                    answer.toolCallId(),
                    "type",
                    "function",
                    "function",
                    object("name", answer.toolName(), "arguments", ""));
            out.event(null, chunk(answer, object("role", "assistant", "tool_calls", List.of(call)), null));
        }
    }

    @Override
    void delta(ScriptedAnswer answer, WireBody out, String delta, boolean last) {
        Map<String, Object> body;
        if (answer.refused()) {
            body = object("refusal", delta);
        } else if (tool) {
            body = object("tool_calls", List.of(object("index", 0, "function", object("arguments", delta))));
        } else {
            body = object("content", delta);
        }
        out.event(null, chunk(answer, body, null));
    }

    @Override
    void end(ScriptedAnswer answer, WireBody out, boolean hadDeltas) {
        String reason =
                switch (answer.finish()) {
                    case COMPLETE -> tool && !answer.refused() ? "tool_calls" : "stop";
                    case TRUNCATED -> "length";
                    case CONTENT_FILTER -> "content_filter";
                };
        out.event(null, chunk(answer, object(), reason));
        long in = answer.inputTokens();
        long outTokens = answer.outputTokens();
        out.event(
                null,
                object(
                        "id",
                        "chatcmpl-1",
                        "object",
                        "chat.completion.chunk",
                        "created",
                        CREATED,
                        "model",
                        answer.model(),
                        "choices",
                        List.of(),
                        "usage",
                        object("prompt_tokens", in, "completion_tokens", outTokens, "total_tokens", in + outTokens)));
        out.rawEvent("[DONE]");
    }

    @Override
    void error(ScriptedAnswer answer, WireBody out) {
        out.event(
                null, object("error", object("message", answer.errorMessage(), "type", "server_error", "code", null)));
    }

    private static Map<String, Object> chunk(ScriptedAnswer answer, Map<String, Object> delta, String finishReason) {
        return object(
                "id",
                "chatcmpl-1",
                "object",
                "chat.completion.chunk",
                "created",
                CREATED,
                "model",
                answer.model(),
                "choices",
                List.of(object("index", 0, "delta", delta, "finish_reason", finishReason)));
    }
}
