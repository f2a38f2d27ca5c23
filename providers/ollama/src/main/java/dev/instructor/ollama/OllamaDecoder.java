package dev.instructor.ollama;

import dev.instructor.internal.transport.EventSink;
import dev.instructor.internal.transport.Json;
import dev.instructor.internal.transport.ProviderError;
import dev.instructor.internal.transport.SseEvent;
import dev.instructor.internal.transport.StreamDecoder;
import dev.instructor.internal.transport.TokenCounts;
import tools.jackson.databind.JsonNode;

/**
 * Decodes {@code /api/chat} NDJSON: {@code message.content} pieces until a line with {@code done: true}, which
 * carries the token counts and {@code done_reason}. Thinking text ({@code message.thinking}) is skipped.
 */
final class OllamaDecoder implements StreamDecoder {
    @Override
    public void onEvent(SseEvent event, EventSink sink) {
        JsonNode line = Json.parse(event.data());
        if (Json.present(line, "error")) {
            sink.streamError(ProviderError.fromJson(line));
            return;
        }
        sink.text(Json.string(line.path("message"), "content"));
        if (line.path("done").asBoolean(false)) {
            sink.emit(TokenCounts.usage(
                    TokenCounts.read(line, "prompt_eval_count"), TokenCounts.read(line, "eval_count"), -1));
            String reason = Json.string(line, "done_reason");
            if ("length".equals(reason)) {
                sink.truncated(reason);
            } else {
                sink.complete(reason == null || reason.isEmpty() ? "stop" : reason); // "" names none, as omitempty
            }
        }
    }

    @Override
    public void onEnd(EventSink sink) {
        sink.incomplete("stream ended without a done line");
    }
}
