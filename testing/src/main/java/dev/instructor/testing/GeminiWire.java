package dev.instructor.testing;

import static dev.instructor.testing.JsonText.object;

import java.util.List;
import java.util.Map;

/**
 * Gemini {@code streamGenerateContent?alt=sse} chunks: one candidate with a text part each, every chunk with usage
 * metadata (the prompt's count and the candidates' count so far), the last also with the finish reason, as Gemini
 * sends it with the final text rather than in a chunk of its own. Lines end with CRLF, as Gemini frames them. A
 * function call comes whole, its arguments an object in one {@code functionCall} part, as the Gemini API sends it.
 */
final class GeminiWire extends WireWriter {
    private final boolean functionCall;

    GeminiWire(boolean functionCall) {
        this.functionCall = functionCall;
    }

    /** Gemini ends its SSE lines with CRLF, as the recorded streams show. */
    @Override
    String lineEnd() {
        return "\r\n";
    }

    @Override
    void start(ScriptedAnswer answer, WireBody out) {
        // Gemini has no opening event.
    }

    @Override
    void delta(ScriptedAnswer answer, WireBody out, String delta, boolean last) {
        // Gemini has no opening event: the chunks before this one are its deltas.
        out.event(null, chunk(answer, delta, last, out.events() + 1, out.deltas()));
    }

    @Override
    void end(ScriptedAnswer answer, WireBody out, boolean hadDeltas) {
        if (!hadDeltas) {
            out.event(null, chunk(answer, "", true, 1, 1));
        }
    }

    @Override
    void error(ScriptedAnswer answer, WireBody out) {
        out.event(
                null, object("error", object("code", 503, "message", answer.errorMessage(), "status", "UNAVAILABLE")));
    }

    private Map<String, Object> chunk(ScriptedAnswer answer, String text, boolean last, int streamed, int deltas) {
        Map<String, Object> part = functionCall && !text.isEmpty()
                ? object(
                        "functionCall",
                        object("id", answer.toolCallId(), "name", answer.toolName(), "args", JsonText.raw(text)))
                : object("text", text);
        Map<String, Object> candidate = object("content", object("role", "model", "parts", List.of(part)), "index", 0);
        Map<String, Object> chunk = object("candidates", List.of(candidate));
        if (last) {
            candidate.put(
                    "finishReason",
                    switch (answer.finish()) {
                        case COMPLETE -> "STOP";
                        case TRUNCATED -> "MAX_TOKENS";
                        case CONTENT_FILTER -> "SAFETY";
                    });
        }
        long in = answer.inputTokens();
        // The candidates' count grows with the text streamed so far and reaches the scripted count at the end.
        long out = last ? answer.outputTokens() : answer.outputTokens() * streamed / Math.max(1, deltas);
        chunk.put(
                "usageMetadata",
                object("promptTokenCount", in, "candidatesTokenCount", out, "totalTokenCount", in + out));
        chunk.put("modelVersion", answer.model());
        return chunk;
    }
}
