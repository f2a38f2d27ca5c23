package dev.instructor.testing;

import static dev.instructor.testing.JsonText.object;

import java.util.Map;

/**
 * Ollama {@code /api/chat} NDJSON: a line per delta of {@code message.content}, then a {@code done} line with the
 * token counts, each left out when 0 as Ollama does.
 */
final class OllamaWire extends WireWriter {
    /** Every line carries when it was made; the done line adds the durations, in nanoseconds. */
    private static final String CREATED_AT = "2023-11-14T22:13:20Z";

    @Override
    void start(ScriptedAnswer answer, WireBody out) {
        // Ollama has no opening line.
    }

    @Override
    void delta(ScriptedAnswer answer, WireBody out, String delta, boolean last) {
        out.line(object(
                "model",
                answer.model(),
                "created_at",
                CREATED_AT,
                "message",
                object("role", "assistant", "content", delta),
                "done",
                false));
    }

    @Override
    void end(ScriptedAnswer answer, WireBody out, boolean hadDeltas) {
        Map<String, Object> done = object(
                "model",
                answer.model(),
                "created_at",
                CREATED_AT,
                "message",
                object("role", "assistant", "content", ""),
                "done",
                true,
                "done_reason",
                answer.finish() == ScriptedAnswer.Finish.TRUNCATED ? "length" : "stop",
                "total_duration",
                4_000_000L,
                "load_duration",
                1_000_000L);
        // Ollama's counts are omitempty in its Go structs: a count of 0 is not sent at all.
        if (answer.inputTokens() > 0) {
            done.put("prompt_eval_count", answer.inputTokens());
        }
        done.put("prompt_eval_duration", 1_000_000L);
        if (answer.outputTokens() > 0) {
            done.put("eval_count", answer.outputTokens());
        }
        done.put("eval_duration", 2_000_000L);
        out.line(done);
    }

    @Override
    void error(ScriptedAnswer answer, WireBody out) {
        out.line(object("error", answer.errorMessage()));
    }
}
