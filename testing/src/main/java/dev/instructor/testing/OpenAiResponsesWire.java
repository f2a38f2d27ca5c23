package dev.instructor.testing;

import static dev.instructor.testing.JsonText.object;

/** OpenAI Responses events: {@code response.created}, an output item, deltas, then completed or incomplete. */
final class OpenAiResponsesWire extends WireWriter {
    private final boolean functionCall;

    OpenAiResponsesWire(boolean functionCall) {
        this.functionCall = functionCall;
    }

    @Override
    void start(ScriptedAnswer answer, WireBody out) {
        out.event(
                "response.created",
                object(
                        "type",
                        "response.created",
                        "response",
                        object("id", "resp_1", "model", answer.model(), "status", "in_progress")));
        Object item = functionCall && !answer.refused()
                ? object(
                        "type",
                        "function_call",
                        "name",
                        answer.toolName(),
                        "call_id",
                        answer.toolCallId(),
                        "arguments",
                        "")
                : object("type", "message", "role", "assistant", "content", java.util.List.of());
        out.event(
                "response.output_item.added",
                object("type", "response.output_item.added", "output_index", 0, "item", item));
    }

    @Override
    void delta(ScriptedAnswer answer, WireBody out, String delta, boolean last) {
        String type = answer.refused()
                ? "response.refusal.delta"
                : functionCall ? "response.function_call_arguments.delta" : "response.output_text.delta";
        out.event(type, object("type", type, "output_index", 0, "delta", delta));
    }

    @Override
    void end(ScriptedAnswer answer, WireBody out, boolean hadDeltas) {
        long in = answer.inputTokens();
        long outTokens = answer.outputTokens();
        Object usage = object("input_tokens", in, "output_tokens", outTokens, "total_tokens", in + outTokens);
        if (answer.finish() == ScriptedAnswer.Finish.COMPLETE) {
            out.event(
                    "response.completed",
                    object(
                            "type",
                            "response.completed",
                            "response",
                            object("id", "resp_1", "model", answer.model(), "status", "completed", "usage", usage)));
        } else {
            String reason = answer.finish() == ScriptedAnswer.Finish.TRUNCATED ? "max_output_tokens" : "content_filter";
            out.event(
                    "response.incomplete",
                    object(
                            "type",
                            "response.incomplete",
                            "response",
                            object(
                                    "id",
                                    "resp_1",
                                    "model",
                                    answer.model(),
                                    "status",
                                    "incomplete",
                                    "incomplete_details",
                                    object("reason", reason),
                                    "usage",
                                    usage)));
        }
    }

    @Override
    void error(ScriptedAnswer answer, WireBody out) {
        out.event("error", object("type", "error", "code", "server_error", "message", answer.errorMessage()));
    }
}
