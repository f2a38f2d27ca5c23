package dev.instructor.testing;

import static dev.instructor.testing.JsonText.object;

import java.util.List;
import java.util.Map;

/**
 * Gemini {@code streamGenerateContent?alt=sse} chunks: one candidate with a text part each; the last carries the
 * finish reason and usage metadata, as Gemini sends them with the final text rather than in a chunk of their own.
 */
final class GeminiWire extends WireWriter {
    @Override
    void start(ScriptedAnswer answer, WireBody out) {
        // Gemini has no opening event.
    }

    @Override
    void delta(ScriptedAnswer answer, WireBody out, String delta, boolean last) {
        out.event(null, chunk(answer, delta, last));
    }

    @Override
    void end(ScriptedAnswer answer, WireBody out, boolean hadDeltas) {
        if (!hadDeltas) {
            out.event(null, chunk(answer, "", true));
        }
    }

    @Override
    void error(ScriptedAnswer answer, WireBody out) {
        out.event(
                null, object("error", object("code", 503, "message", answer.errorMessage(), "status", "UNAVAILABLE")));
    }

    private static Map<String, Object> chunk(ScriptedAnswer answer, String text, boolean last) {
        Map<String, Object> candidate =
                object("content", object("role", "model", "parts", List.of(object("text", text))), "index", 0);
        Map<String, Object> chunk = object("candidates", List.of(candidate), "modelVersion", answer.model());
        if (last) {
            candidate.put(
                    "finishReason",
                    switch (answer.finish()) {
                        case COMPLETE -> "STOP";
                        case TRUNCATED -> "MAX_TOKENS";
                        case CONTENT_FILTER -> "SAFETY";
                    });
            long in = answer.inputTokens();
            long out = answer.outputTokens();
            chunk.put(
                    "usageMetadata",
                    object("promptTokenCount", in, "candidatesTokenCount", out, "totalTokenCount", in + out));
        }
        return chunk;
    }
}
