package dev.instructor.anthropic;

import dev.instructor.internal.transport.EventSink;
import dev.instructor.internal.transport.Json;
import dev.instructor.internal.transport.ProviderError;
import dev.instructor.internal.transport.SseEvent;
import dev.instructor.internal.transport.StreamDecoder;
import dev.instructor.internal.transport.TokenCounts;
import dev.instructor.spi.Mode;
import dev.instructor.spi.ProviderEvent;
import tools.jackson.databind.JsonNode;

/**
 * Decodes a Messages stream. In TOOLS mode the structured text is the {@code input_json_delta}s of the tool_use
 * block named like the schema; otherwise it is the text deltas. Usage comes from {@code message_start} (input) and
 * {@code message_delta} (output, cumulative) and is reported at {@code message_stop}, where the outcome is decided, or
 * with an {@code error} event or a stream cut short: the tokens counted by then were used all the same.
 *
 * <p>Anthropic's {@code input_tokens} leaves out the prompt-cache reads and writes, which come as
 * {@code cache_read_input_tokens} and {@code cache_creation_input_tokens}; all three are billed input, so the
 * reported input is their sum. {@code message_delta} may repeat these counts, cumulatively, so each field keeps its
 * largest value rather than adding up.
 */
final class AnthropicDecoder implements StreamDecoder {
    private final Mode mode;
    private final String toolName;
    private final StringBuilder prose = new StringBuilder();
    // The schema's tool_use block: found, and its index (-1 when the server sent none).
    private boolean toolFound;
    private long toolIndex = -1;
    // The tool_use block's input as content_block_start gave it, sent at the block's end if no delta replaced it.
    private String startInput;
    private long inputTokens;
    private long cacheReadTokens;
    private long cacheCreationTokens;
    private long outputTokens;
    private String stopReason;
    private boolean usageReported;

    AnthropicDecoder(Mode mode, String toolName) {
        this.mode = mode;
        this.toolName = toolName;
    }

    @Override
    public void onEvent(SseEvent event, EventSink sink) {
        if (event.event().equals("error")) {
            // Read apart from the JSON events: a proxy may put plain text here, which is the error all the same.
            error(ProviderError.fromEventData(event.data()), sink);
            return;
        }
        JsonNode data = Json.parse(event.data());
        String type = data.path("type").isString() ? data.path("type").stringValue() : event.event();
        switch (type) {
            case "message_start" -> usage(data.path("message").path("usage"));
            case "content_block_start" -> blockStart(data, sink);
            case "content_block_delta" -> delta(data, sink);
            case "message_delta" -> {
                String reason = Json.string(data.path("delta"), "stop_reason");
                if (reason != null && !reason.isEmpty()) { // "" names no reason, as an absent one
                    stopReason = reason;
                }
                usage(data.path("usage"));
            }
            case "content_block_stop" -> {
                if (isTool(data)) {
                    flushStartInput(sink);
                }
            }
            case "message_stop" -> stop(sink);
            case "error" -> error(ProviderError.fromJson(data), sink);
            default -> {
                // ping and future event types carry nothing we need.
            }
        }
    }

    private void error(ProviderError error, EventSink sink) {
        // The tokens counted so far were used, whatever became of the answer: report them with the error.
        emitUsage(sink);
        sink.streamError(error);
    }

    private void usage(JsonNode usage) {
        usageReported |= usage.isObject();
        // message_start reports the input, message_delta the output so far: a count left out keeps its last value.
        inputTokens = latest(usage, "input_tokens", inputTokens);
        cacheReadTokens = latest(usage, "cache_read_input_tokens", cacheReadTokens);
        cacheCreationTokens = latest(usage, "cache_creation_input_tokens", cacheCreationTokens);
        outputTokens = latest(usage, "output_tokens", outputTokens);
    }

    private static long latest(JsonNode usage, String field, long previous) {
        // Cumulative counts never go down: a 0 in message_delta (as some compatible servers send) is not a reset.
        return Math.max(previous, TokenCounts.read(usage, field));
    }

    private void blockStart(JsonNode data, EventSink sink) {
        JsonNode block = data.path("content_block");
        if (mode == Mode.TOOLS
                && !toolFound
                && "tool_use".equals(Json.string(block, "type"))
                && toolName.equals(Json.string(block, "name"))) {
            toolFound = true;
            toolIndex = Json.number(data, "index");
            sink.emit(new ProviderEvent.ToolCall(Json.text(block, "id"), toolName));
            JsonNode input = block.path("input");
            startInput = input.isObject() ? Json.MAPPER.writeValueAsString(input) : "{}";
        }
    }

    private void delta(JsonNode data, EventSink sink) {
        JsonNode delta = data.path("delta");
        String type = Json.text(delta, "type");
        if (type.equals("text_delta")) {
            String text = Json.string(delta, "text");
            if (mode == Mode.TOOLS) {
                prose.append(text == null ? "" : text);
            } else {
                sink.text(text);
            }
        } else if (type.equals("input_json_delta") && isTool(data)) {
            String json = Json.string(delta, "partial_json");
            if (json != null && !json.isEmpty()) {
                // Like the SDKs: the first non-empty piece replaces the input content_block_start gave.
                startInput = null;
                sink.text(json);
            }
        }
    }

    /** Returns whether a block event belongs to the schema's tool_use block; none does before it starts. */
    private boolean isTool(JsonNode data) {
        return toolFound && Json.number(data, "index") == toolIndex;
    }

    /** Sends content_block_start's input when no input_json_delta replaced it (an empty input, as {}). */
    private void flushStartInput(EventSink sink) {
        if (startInput != null) {
            sink.text(startInput);
            startInput = null;
        }
    }

    private void stop(EventSink sink) {
        usageReported = true; // message_stop always reports, zeros included
        emitUsage(sink);
        String reason = stopReason == null ? "end_turn" : stopReason;
        switch (reason) {
            case "max_tokens", "model_context_window_exceeded" -> sink.truncated(reason);
            // The API paused a long turn (server tools at work): what arrived is unfinished, not an answer.
            case "pause_turn" -> sink.incomplete("the turn was paused before it ended (stop_reason pause_turn)");
            // Outside TOOLS mode the refusal came as the structured text, so that text is the refusal.
            case "refusal" -> sink.refused(mode == Mode.TOOLS ? prose.toString() : sink.partialText());
            default -> sink.complete(reason);
        }
    }

    /** Reports the counts so far, if the stream gave any. */
    private void emitUsage(EventSink sink) {
        if (usageReported) {
            long input = inputTokens + cacheReadTokens + cacheCreationTokens;
            sink.emit(new ProviderEvent.Usage(input, outputTokens, input + outputTokens));
        }
    }

    @Override
    public void onEnd(EventSink sink) {
        emitUsage(sink);
        sink.incomplete("stream ended without message_stop");
    }
}
