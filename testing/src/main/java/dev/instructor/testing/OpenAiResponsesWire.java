package dev.instructor.testing;

import static dev.instructor.testing.JsonText.object;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OpenAI Responses events, in the API's order: {@code response.created} and {@code response.in_progress}, the
 * output item added (with its content part, for a message), deltas naming the item by id, the {@code .done} events
 * carrying the whole text, the item done, then {@code response.completed} or {@code response.incomplete} whose
 * {@code output} holds the finished item. A failing answer ends with {@code error}, then {@code response.failed} if
 * asked.
 */
final class OpenAiResponsesWire extends WireWriter {
    private static final String FUNCTION_CALL_ID = "fc_1";
    private static final String MESSAGE_ID = "msg_1";

    private final boolean functionCall;

    OpenAiResponsesWire(boolean functionCall) {
        this.functionCall = functionCall;
    }

    private boolean callItem(ScriptedAnswer answer) {
        return functionCall && !answer.refused();
    }

    private String itemId(ScriptedAnswer answer) {
        return callItem(answer) ? FUNCTION_CALL_ID : MESSAGE_ID;
    }

    @Override
    void start(ScriptedAnswer answer, WireBody out) {
        event(out, "response.created", object("type", "response.created", "response", response(answer, "in_progress")));
        event(
                out,
                "response.in_progress",
                object("type", "response.in_progress", "response", response(answer, "in_progress")));
        event(
                out,
                "response.output_item.added",
                object(
                        "type",
                        "response.output_item.added",
                        "output_index",
                        0,
                        "item",
                        item(answer, "", "in_progress")));
        if (!callItem(answer)) {
            event(
                    out,
                    "response.content_part.added",
                    object(
                            "type",
                            "response.content_part.added",
                            "item_id",
                            MESSAGE_ID,
                            "output_index",
                            0,
                            "content_index",
                            0,
                            "part",
                            part(answer, "")));
        }
    }

    @Override
    void delta(ScriptedAnswer answer, WireBody out, String delta, boolean last) {
        String type = answer.refused()
                ? "response.refusal.delta"
                : functionCall ? "response.function_call_arguments.delta" : "response.output_text.delta";
        Map<String, Object> event = object("type", type, "item_id", itemId(answer), "output_index", 0);
        if (!callItem(answer)) {
            event.put("content_index", 0);
        }
        event.put("delta", delta);
        event(out, type, event);
    }

    @Override
    void end(ScriptedAnswer answer, WireBody out, boolean hadDeltas) {
        String whole = String.join("", answer.deltas());
        boolean complete = answer.finish() == ScriptedAnswer.Finish.COMPLETE;
        if (callItem(answer)) {
            event(
                    out,
                    "response.function_call_arguments.done",
                    object(
                            "type",
                            "response.function_call_arguments.done",
                            "item_id",
                            FUNCTION_CALL_ID,
                            "output_index",
                            0,
                            "arguments",
                            whole));
        } else {
            String type = answer.refused() ? "response.refusal.done" : "response.output_text.done";
            event(
                    out,
                    type,
                    object(
                            "type",
                            type,
                            "item_id",
                            MESSAGE_ID,
                            "output_index",
                            0,
                            "content_index",
                            0,
                            answer.refused() ? "refusal" : "text",
                            whole));
            event(
                    out,
                    "response.content_part.done",
                    object(
                            "type",
                            "response.content_part.done",
                            "item_id",
                            MESSAGE_ID,
                            "output_index",
                            0,
                            "content_index",
                            0,
                            "part",
                            part(answer, whole)));
        }
        Map<String, Object> item = item(answer, whole, complete ? "completed" : "incomplete");
        event(
                out,
                "response.output_item.done",
                object("type", "response.output_item.done", "output_index", 0, "item", item));
        Map<String, Object> response = response(answer, complete ? "completed" : "incomplete");
        if (!complete) {
            String reason = answer.finish() == ScriptedAnswer.Finish.TRUNCATED ? "max_output_tokens" : "content_filter";
            response.put("incomplete_details", object("reason", reason));
        }
        response.put("output", List.of(item));
        response.put("usage", usage(answer));
        String type = complete ? "response.completed" : "response.incomplete";
        event(out, type, object("type", type, "response", response));
    }

    @Override
    void error(ScriptedAnswer answer, WireBody out) {
        // The API reference shows code and message flat in the event; the recorded stream
        // (openai-responses-error-insufficient-quota.sse) nests them in an error object, as written here.
        Map<String, Object> error =
                object("type", "server_error", "code", "server_error", "message", answer.errorMessage(), "param", null);
        event(out, "error", object("type", "error", "error", error));
        if (answer.sendsFailedResponse()) {
            // As in the recorded stream: the response's error has no type, and the response says what was used.
            Map<String, Object> response = response(answer, "failed");
            response.put("error", object("code", "server_error", "message", answer.errorMessage()));
            response.put("usage", usage(answer));
            event(out, "response.failed", object("type", "response.failed", "response", response));
        }
    }

    private static Map<String, Object> usage(ScriptedAnswer answer) {
        long in = answer.inputTokens();
        long out = answer.outputTokens();
        return object("input_tokens", in, "output_tokens", out, "total_tokens", in + out);
    }

    /** Writes an event with its {@code sequence_number}, which the API puts right after the type. */
    private static void event(WireBody out, String name, Map<String, Object> data) {
        Map<String, Object> numbered = new LinkedHashMap<>();
        numbered.put("type", data.get("type"));
        numbered.put("sequence_number", out.events());
        numbered.putAll(data);
        out.event(name, numbered);
    }

    private static Map<String, Object> response(ScriptedAnswer answer, String status) {
        return object(
                "id",
                "resp_1",
                "object",
                "response",
                "model",
                answer.model(),
                "status",
                status,
                "incomplete_details",
                null,
                "output",
                List.of());
    }

    private Map<String, Object> item(ScriptedAnswer answer, String whole, String status) {
        if (callItem(answer)) {
            return object(
                    "type",
                    "function_call",
                    "id",
                    FUNCTION_CALL_ID,
                    "call_id",
                    answer.toolCallId(),
                    "name",
                    answer.toolName(),
                    "arguments",
                    whole,
                    "status",
                    status);
        }
        List<Object> content =
                whole.isEmpty() && status.equals("in_progress") ? List.of() : List.of(part(answer, whole));
        return object("type", "message", "id", MESSAGE_ID, "status", status, "role", "assistant", "content", content);
    }

    private static Map<String, Object> part(ScriptedAnswer answer, String whole) {
        return answer.refused()
                ? object("type", "refusal", "refusal", whole)
                : object("type", "output_text", "text", whole, "annotations", List.of());
    }
}
