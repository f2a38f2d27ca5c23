package dev.instructor.testing;

import static dev.instructor.testing.JsonText.object;

import java.util.List;

/**
 * Anthropic Messages events: message start, one content block of deltas (a ping after its start), message delta
 * with the stop reason.
 */
final class AnthropicWire extends WireWriter {
    private final boolean tool;

    AnthropicWire(boolean tool) {
        this.tool = tool;
    }

    private boolean toolBlock(ScriptedAnswer answer) {
        return tool && !answer.refused();
    }

    @Override
    void start(ScriptedAnswer answer, WireBody out) {
        out.event(
                "message_start",
                object(
                        "type",
                        "message_start",
                        "message",
                        object(
                                "id",
                                "msg_1",
                                "type",
                                "message",
                                "role",
                                "assistant",
                                "content",
                                List.of(),
                                "model",
                                answer.model(),
                                "stop_reason",
                                null,
                                "stop_sequence",
                                null,
                                "usage",
                                object("input_tokens", answer.inputTokens(), "output_tokens", 1))));
        Object block = toolBlock(answer)
                ? object("type", "tool_use", "id", answer.toolCallId(), "name", answer.toolName(), "input", object())
                : object("type", "text", "text", "");
        out.event("content_block_start", object("type", "content_block_start", "index", 0, "content_block", block));
        // The API pings once after the first block starts, and may ping again at any time.
        out.event("ping", object("type", "ping"));
    }

    @Override
    void delta(ScriptedAnswer answer, WireBody out, String delta, boolean last) {
        Object body = toolBlock(answer)
                ? object("type", "input_json_delta", "partial_json", delta)
                : object("type", "text_delta", "text", delta);
        out.event("content_block_delta", object("type", "content_block_delta", "index", 0, "delta", body));
    }

    @Override
    void end(ScriptedAnswer answer, WireBody out, boolean hadDeltas) {
        String reason;
        if (answer.refused()) {
            reason = "refusal";
        } else if (answer.finish() == ScriptedAnswer.Finish.TRUNCATED) {
            reason = "max_tokens";
        } else {
            reason = tool ? "tool_use" : "end_turn";
        }
        // A tool_use block cut by max_tokens is never closed: the recorded stream
        // (anthropic-messages-tools-truncated-max-tokens.sse) goes from its last delta straight to message_delta.
        if (!(toolBlock(answer) && reason.equals("max_tokens"))) {
            out.event("content_block_stop", object("type", "content_block_stop", "index", 0));
        }
        out.event(
                "message_delta",
                object(
                        "type",
                        "message_delta",
                        "delta",
                        object("stop_reason", reason, "stop_sequence", null),
                        "usage",
                        object("output_tokens", answer.outputTokens())));
        out.event("message_stop", object("type", "message_stop"));
    }

    @Override
    void error(ScriptedAnswer answer, WireBody out) {
        out.event(
                "error",
                object("type", "error", "error", object("type", "overloaded_error", "message", answer.errorMessage())));
    }
}
