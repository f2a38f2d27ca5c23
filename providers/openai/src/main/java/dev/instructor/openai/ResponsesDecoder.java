package dev.instructor.openai;

import dev.instructor.internal.transport.EventSink;
import dev.instructor.internal.transport.Json;
import dev.instructor.internal.transport.ProviderError;
import dev.instructor.internal.transport.SseEvent;
import dev.instructor.internal.transport.StreamDecoder;
import dev.instructor.internal.transport.TokenCounts;
import dev.instructor.spi.Mode;
import dev.instructor.spi.ProviderEvent;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Decodes a Responses API stream of typed events. In TOOLS mode only the arguments of the function call named
 * like the schema count; reasoning items and other output items are skipped.
 */
final class ResponsesDecoder implements StreamDecoder {
    private final Mode mode;
    private final String toolName;
    private final StringBuilder refusal = new StringBuilder();
    // The schema's function call item: found, and its output_index (-1 when the server sent none).
    private boolean toolFound;
    private long toolOutputIndex = -1;
    private boolean toolArgumentsStreamed;
    // The output text parts (output_index/content_index) whose text has been sent.
    private final Set<String> streamedTextParts = new HashSet<>();
    /** How long an error event waits for the response.failed the API sends right after it. */
    private static final Duration FAILED_RESPONSE_WAIT = Duration.ofSeconds(1);

    // An error event's error, held until the event after it: the API follows it with response.failed, whose usage
    // is what the failed response is billed.
    private ProviderError error;

    ResponsesDecoder(Mode mode, String toolName) {
        this.mode = mode;
        this.toolName = toolName;
    }

    @Override
    public void onEvent(SseEvent event, EventSink sink) {
        JsonNode data = event.event().equals("error") ? parse(event.data()) : Json.parse(event.data());
        if (data == null) {
            // A proxy's plain text in an error event is the error all the same; no response.failed will follow it.
            sink.streamError(error != null ? error : ProviderError.fromEventData(event.data()));
            return;
        }
        String type = data.path("type").isString() ? data.path("type").stringValue() : event.event();
        if (error != null && !type.equals("response.failed")) {
            sink.streamError(error); // no response.failed came: the error alone ends the call
            return;
        }
        switch (type) {
            case "response.output_item.added" -> itemAdded(data, sink);
            case "response.function_call_arguments.delta" -> {
                if (mode == Mode.TOOLS && isTool(data)) {
                    String delta = Json.string(data, "delta");
                    if (delta != null && !delta.isEmpty()) {
                        toolArgumentsStreamed = true;
                        sink.text(delta);
                    }
                }
            }
            case "response.function_call_arguments.done" -> {
                // Some models (gpt-5.3-codex-spark) send no deltas: the arguments come whole in the done event.
                if (mode == Mode.TOOLS && isTool(data) && !toolArgumentsStreamed) {
                    toolArgumentsStreamed = true;
                    sink.text(Json.string(data, "arguments"));
                }
            }
            case "response.output_text.delta" -> {
                if (mode != Mode.TOOLS) {
                    String delta = Json.string(data, "delta");
                    if (delta != null && !delta.isEmpty()) {
                        streamedTextParts.add(textPart(data));
                        sink.text(delta);
                    }
                }
            }
            case "response.output_text.done" -> {
                // Like the arguments above: a text part that came without deltas comes whole in its done event.
                if (mode != Mode.TOOLS && streamedTextParts.add(textPart(data))) {
                    sink.text(Json.string(data, "text"));
                }
            }
            case "response.refusal.delta" -> {
                String delta = Json.string(data, "delta");
                if (delta != null) {
                    refusal.append(delta);
                    sink.emit(new ProviderEvent.Refusal(delta));
                }
            }
            case "response.refusal.done" -> {
                // Like text and arguments: a refusal that came without deltas comes whole in its done event.
                String whole = Json.string(data, "refusal");
                if (refusal.length() == 0 && whole != null && !whole.isEmpty()) {
                    refusal.append(whole);
                    sink.emit(new ProviderEvent.Refusal(whole));
                }
            }
            case "response.completed" -> completed(data.path("response"), sink);
            case "response.incomplete" -> incomplete(data.path("response"), sink);
            case "error" -> {
                error = ProviderError.fromJson(data);
                sink.streamErrorAfter(error, FAILED_RESPONSE_WAIT);
            }
            case "response.failed" -> failed(data.path("response"), sink);
            default -> {
                // Lifecycle, reasoning and "done" events repeat what the deltas carried.
            }
        }
    }

    @Override
    public boolean acknowledgesOnly(SseEvent event) {
        // Sent at once, before a reasoning model thinks (silently, unless asked for summaries). The API names its
        // events; a compatible server that does not (every event a "message") gives the type in the data alone, as
        // onEvent reads it. This is asked only until the first event that is not an acknowledgement.
        String name = event.event();
        JsonNode data =
                name.equals("message") || name.equals("response.output_item.added") ? parse(event.data()) : null;
        String type = name.equals("message") && data != null ? Json.string(data, "type") : name;
        if (type == null) {
            return false;
        }
        return switch (type) {
            case "response.created", "response.in_progress", "response.queued" -> true;
            // The reasoning item is added as the model starts thinking, and nothing follows it until the thinking is
            // done: that silence is the first event's wait too.
            case "response.output_item.added" ->
                data != null && "reasoning".equals(Json.string(data.path("item"), "type"));
            default -> false;
        };
    }

    /** Returns the event's data, or null when it is not JSON. */
    private static JsonNode parse(String data) {
        try {
            return Json.parse(data);
        } catch (JacksonException notJson) {
            return null;
        }
    }

    private static String textPart(JsonNode data) {
        // A field left out reads as 0, so a delta and a done event that differ only in leaving one out still match.
        return data.path("output_index").asLong(0) + "/"
                + data.path("content_index").asLong(0);
    }

    private void itemAdded(JsonNode data, EventSink sink) {
        JsonNode item = data.path("item");
        if (mode == Mode.TOOLS
                && !toolFound
                && "function_call".equals(Json.string(item, "type"))
                && toolName.equals(Json.string(item, "name"))) {
            toolFound = true;
            toolOutputIndex = Json.number(data, "output_index");
            // Without a call_id the re-ask names the call per attempt, rather than one made-up id in every attempt.
            sink.emit(new ProviderEvent.ToolCall(Json.text(item, "call_id"), toolName));
        }
    }

    /** Returns whether an event belongs to the schema's function call; none does before its item is added. */
    private boolean isTool(JsonNode data) {
        return toolFound && Json.number(data, "output_index") == toolOutputIndex;
    }

    private void usage(JsonNode response, EventSink sink) {
        JsonNode usage = response.path("usage");
        if (usage.isObject()) {
            sink.emit(TokenCounts.usage(
                    TokenCounts.read(usage, "input_tokens"),
                    TokenCounts.read(usage, "output_tokens"),
                    TokenCounts.read(usage, "total_tokens")));
        }
    }

    private void completed(JsonNode response, EventSink sink) {
        usage(response, sink);
        if (refusal.length() > 0) {
            sink.refused(refusal.toString());
        } else {
            String status = Json.string(response, "status");
            sink.complete(status == null ? "completed" : status);
        }
    }

    private void incomplete(JsonNode response, EventSink sink) {
        usage(response, sink);
        String reason = Json.text(response.path("incomplete_details"), "reason");
        switch (reason) {
            case "max_output_tokens" -> sink.truncated(reason);
            case "content_filter" -> sink.contentFiltered(reason);
            default -> sink.incomplete("response incomplete: " + reason);
        }
    }

    private void failed(JsonNode response, EventSink sink) {
        // A failed response is billed for what it used: report that before the failure.
        usage(response, sink);
        // The error event's error names its type; the response's has only a code and message.
        sink.streamError(error != null ? error : ProviderError.fromJson(response));
    }

    @Override
    public void onEnd(EventSink sink) {
        if (error != null) {
            sink.streamError(error);
        } else {
            sink.incomplete("stream ended without response.completed");
        }
    }
}
